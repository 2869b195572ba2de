package org.deepmetric.train;

/**
 * Mean time per step and images per second as the seed reports them, from each batch's real
 * size: the first step, which pays for graph optimisation and memory allocation, is left out.
 */
public final class ThroughputMeter implements TrainingListener {
  private long steps;
  private long images;
  private double seconds;
  private boolean sawFirst;

  @Override
  public void onStep(StepRecord record) {
    if (!sawFirst) {
      sawFirst = true;
      return;
    }
    steps++;
    images += record.batchSize();
    seconds += record.seconds();
  }

  public long measuredSteps() {
    return steps;
  }

  public double meanMillisPerStep() {
    return steps == 0 ? Double.NaN : seconds * 1000 / steps;
  }

  /** Images trained per second of step time; with a fixed batch, the seed's batch x 1000 / mean ms per step. */
  public double imagesPerSecond() {
    return steps == 0 ? Double.NaN : images / seconds;
  }
}
