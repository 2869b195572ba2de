package org.deepmetric.data.reid;
import org.deepmetric.data.Batch;

/** A batch ready to feed: {@code size} RGB crops of 128x64 as uint8 [N,128,64,3], and their person ids. */
public record ReidBatch(byte[] images, int[] labels) implements Batch {
  public static final int HEIGHT = 128;
  public static final int WIDTH = 64;
  public static final int CHANNELS = 3;
  public static final int IMAGE_BYTES = HEIGHT * WIDTH * CHANNELS;

  @Override
  public int size() {
    return labels.length;
  }
}
