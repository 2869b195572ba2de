package org.deepmetric.bench;

import java.util.Arrays;

/** Runs an action repeatedly and reports the median seconds per call, after untimed warm-up calls. */
final class Timing {
  private Timing() {}

  /** Median over {@code repeats} rounds of the mean time of {@code calls} calls, after {@code warmup} calls. */
  static double medianSeconds(Runnable action, int warmup, int calls, int repeats) {
    for (int i = 0; i < warmup; i++) {
      action.run();
    }
    double[] rounds = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        action.run();
      }
      rounds[r] = (System.nanoTime() - started) / 1e9 / calls;
    }
    Arrays.sort(rounds);
    return rounds[repeats / 2];
  }
}
