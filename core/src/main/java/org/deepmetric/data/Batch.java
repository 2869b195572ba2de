package org.deepmetric.data;

/** A batch of examples ready to feed; its real size may be below the nominal batch size. */
public interface Batch {
  int size();
}
