package org.deepmetric.data.reid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.deepmetric.DeepMetricException;

/**
 * Identity-balanced batches as the original draws them: P distinct identities, then K distinct
 * images of each; an identity with fewer than K images gives all it has, so the batch shrinks.
 * False alarms (id below 0) are left out. Metric losses need several images of one person per batch.
 */
public final class IdentitySampler implements Supplier<List<PersonImage>> {
  private final List<List<PersonImage>> byIdentity;
  private final int identitiesPerBatch;
  private final int imagesPerIdentity;
  private final SplittableRandom random;

  public IdentitySampler(List<PersonImage> images, int identitiesPerBatch, int imagesPerIdentity, long seed) {
    Map<Integer, List<PersonImage>> grouped = new TreeMap<>();
    for (PersonImage image : images) {
      if (!image.isJunk()) {
        grouped.computeIfAbsent(image.personId(), id -> new ArrayList<>()).add(image);
      }
    }
    if (grouped.size() < identitiesPerBatch) {
      throw new DeepMetricException(String.format(
          "a batch needs %d identities but the training split has %d: lower --batch_size", identitiesPerBatch,
          grouped.size()));
    }
    this.byIdentity = new ArrayList<>(grouped.values());
    this.identitiesPerBatch = identitiesPerBatch;
    this.imagesPerIdentity = imagesPerIdentity;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public List<PersonImage> get() {
    List<PersonImage> batch = new ArrayList<>(identitiesPerBatch * imagesPerIdentity);
    for (int identity : pick(byIdentity.size(), identitiesPerBatch)) {
      List<PersonImage> images = byIdentity.get(identity);
      for (int image : pick(images.size(), Math.min(imagesPerIdentity, images.size()))) {
        batch.add(images.get(image));
      }
    }
    return batch;
  }

  /** {@code count} distinct indices below {@code n} (a partial Fisher-Yates shuffle). */
  private int[] pick(int n, int count) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(n - i);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
    return java.util.Arrays.copyOf(indices, count);
  }
}
