package org.deepmetric.data;

import java.util.Arrays;

/**
 * Labelled grey-scale images held as unsigned bytes, the way idx files store them; scaling to
 * [0,1] happens when a batch is made, so a 60k-image set costs 47 MB rather than 188 MB.
 */
public record DigitSet(byte[] pixels, int[] labels, int rows, int cols, int numClasses) {
  public DigitSet {
    if (pixels.length != (long) labels.length * rows * cols) {
      throw new IllegalArgumentException(
          pixels.length + " pixels do not make " + labels.length + " images of " + rows + "x" + cols);
    }
  }

  public int size() {
    return labels.length;
  }

  public boolean isEmpty() {
    return labels.length == 0;
  }

  public int imageSize() {
    return rows * cols;
  }

  /** Writes image {@code index} scaled to [0,1] into {@code out} at {@code offset}. */
  public void copyScaled(int index, float[] out, int offset) {
    int size = imageSize();
    int base = index * size;
    for (int i = 0; i < size; i++) {
      out[offset + i] = (pixels[base + i] & 0xff) / 255f;
    }
  }

  /** Image {@code index} scaled to [0,1], in a new array. */
  public float[] scaled(int index) {
    float[] out = new float[imageSize()];
    copyScaled(index, out, 0);
    return out;
  }

  /** The images at {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public DigitSet slice(int from, int to) {
    int size = imageSize();
    return new DigitSet(Arrays.copyOfRange(pixels, from * size, to * size),
        Arrays.copyOfRange(labels, from, to), rows, cols, numClasses);
  }
}
