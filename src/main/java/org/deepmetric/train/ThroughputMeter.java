package org.deepmetric.train;

/**
 * Mean time per step and images per second as the seed reports them: the first step, which
 * pays for graph optimisation and memory allocation, is left out.
 */
public final class ThroughputMeter implements TrainingListener {
  private long steps;
  private double seconds;
  private boolean sawFirst;
  private int batchSize;

  @Override
  public void onStep(StepRecord record) {
    batchSize = record.batchSize();
    if (!sawFirst) {
      sawFirst = true;
      return;
    }
    steps++;
    seconds += record.seconds();
  }

  public long measuredSteps() {
    return steps;
  }

  public double meanMillisPerStep() {
    return steps == 0 ? Double.NaN : seconds * 1000 / steps;
  }

  /** batch size x 1000 / mean ms per step, the seed's "Final Performance images/sec". */
  public double imagesPerSecond() {
    return batchSize * 1000.0 / meanMillisPerStep();
  }
}
