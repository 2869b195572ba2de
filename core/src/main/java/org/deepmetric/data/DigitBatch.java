package org.deepmetric.data;

/** One batch ready to feed: images scaled to [0,1], flattened row-major, and their labels. */
public record DigitBatch(float[] images, int[] labels) implements Batch {
  @Override
  public int size() {
    return labels.length;
  }

  /** Images {@code from} to {@code to} of {@code set}, in order, for evaluation. */
  public static DigitBatch of(DigitSet set, int from, int to) {
    int n = to - from;
    float[] images = new float[n * set.imageSize()];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      set.copyScaled(from + i, images, i * set.imageSize());
      labels[i] = set.labels()[from + i];
    }
    return new DigitBatch(images, labels);
  }
}
