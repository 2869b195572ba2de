package org.deepmetric.data.reid;

import org.deepmetric.data.Batch;

/** A batch ready to feed: {@code size} RGB crops of {@code shape} as uint8 [N,H,W,3], and their person ids. */
public record ReidBatch(byte[] images, int[] labels, ImageShape shape) implements Batch {
  public ReidBatch {
    if (images.length != (long) labels.length * shape.bytes()) {
      throw new IllegalArgumentException(images.length + " bytes are not " + labels.length + " crops of " + shape);
    }
  }

  @Override
  public int size() {
    return labels.length;
  }
}
