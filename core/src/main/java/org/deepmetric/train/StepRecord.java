package org.deepmetric.train;

import java.util.Map;

/**
 * What one training step produced. {@code step} is the global step after it (1-based and carried
 * across restarts); {@code epoch} and {@code stepInEpoch} are 1-based too.
 */
public record StepRecord(long step, int epoch, int stepInEpoch, Map<String, Float> scalars, int batchSize,
    double seconds) {
  public float loss() {
    return scalars.get("loss");
  }

  public double imagesPerSecond() {
    return batchSize / seconds;
  }
}
