package org.deepmetric.data.reid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.Arrays;

/**
 * Identity-balanced batches as the original draws them: P distinct identities, then K distinct
 * images of each; an identity with fewer than K images gives all it has, and the batch is then
 * filled up with further identities not yet in it (at most 100 tries), as many images of each
 * as still fit. False alarms (id below 0) are left out. Where the data are too small for that
 * (fewer identities than P, or fewer crops than a batch), a batch holds what there is and one
 * note says so, where the original stopped with an exception.
 */
public final class IdentitySampler implements Supplier<List<PersonImage>> {
  private static final int FILL_TRIES = 100;

  private final List<List<PersonImage>> byIdentity;
  private final int batchSize;
  private final int identitiesPerBatch;
  private final int imagesPerIdentity;
  private final SplittableRandom random;
  private final Consumer<String> note;
  private boolean noted;

  /** {@code note} hears, once, that batches come out smaller than {@code P x K}. */
  public IdentitySampler(List<PersonImage> images, int identitiesPerBatch, int imagesPerIdentity, long seed,
      Consumer<String> note) {
    Map<Integer, List<PersonImage>> grouped = new TreeMap<>();
    for (PersonImage image : images) {
      if (!image.isJunk()) {
        grouped.computeIfAbsent(image.personId(), id -> new ArrayList<>()).add(image);
      }
    }
    if (grouped.isEmpty()) {
      throw new org.deepmetric.DeepMetricException("the training split holds no identity to train on");
    }
    this.byIdentity = new ArrayList<>(grouped.values());
    this.batchSize = identitiesPerBatch * imagesPerIdentity;
    this.identitiesPerBatch = Math.min(identitiesPerBatch, byIdentity.size());
    this.imagesPerIdentity = imagesPerIdentity;
    this.random = new SplittableRandom(seed);
    this.note = note;
  }

  @Override
  public List<PersonImage> get() {
    List<PersonImage> batch = new ArrayList<>(batchSize);
    Set<Integer> used = new HashSet<>();
    for (int identity : pick(byIdentity.size(), identitiesPerBatch)) {
      used.add(identity);
      take(byIdentity.get(identity), imagesPerIdentity, batch);
    }
    for (int tries = 0; batch.size() < batchSize && tries < FILL_TRIES && used.size() < byIdentity.size(); ) {
      int identity = random.nextInt(byIdentity.size());
      if (!used.add(identity)) {
        tries++;
        continue;
      }
      take(byIdentity.get(identity), batchSize - batch.size(), batch);
    }
    if (batch.size() < batchSize && !noted) {
      noted = true;
      note.accept(String.format("a batch of %d could not be filled from %d identities (%d crops); this one holds %d",
          batchSize, byIdentity.size(), byIdentity.stream().mapToInt(List::size).sum(), batch.size()));
    }
    return batch;
  }

  /** Up to {@code count} distinct images of one identity, appended to {@code batch}. */
  private void take(List<PersonImage> images, int count, List<PersonImage> batch) {
    for (int image : pick(images.size(), Math.min(count, images.size()))) {
      batch.add(images.get(image));
    }
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
    return Arrays.copyOf(indices, count);
  }
}
