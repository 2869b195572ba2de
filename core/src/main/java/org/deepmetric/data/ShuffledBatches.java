package org.deepmetric.data;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * An endless stream of training batches: walks a permutation of the set and draws a fresh one,
 * from a seeded generator, each time a pass over the data ends, so every pass sees a new order.
 */
public final class ShuffledBatches implements Supplier<DigitBatch> {
  private final DigitSet set;
  private final int batchSize;
  private final SplittableRandom random;
  private final int[] order;
  private int cursor;

  public ShuffledBatches(DigitSet set, int batchSize, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    this.set = set;
    this.batchSize = batchSize;
    this.random = new SplittableRandom(seed);
    this.order = new int[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    reshuffle();
  }

  @Override
  public DigitBatch get() {
    int size = set.imageSize();
    float[] images = new float[batchSize * size];
    int[] labels = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      if (cursor == order.length) {
        reshuffle();
      }
      int index = order[cursor++];
      set.copyScaled(index, images, i * size);
      labels[i] = set.labels()[index];
    }
    return new DigitBatch(images, labels);
  }

  private void reshuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    cursor = 0;
  }
}
