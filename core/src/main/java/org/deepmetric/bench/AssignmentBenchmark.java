package org.deepmetric.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.track.Assignment;
import org.deepmetric.track.CostLimitedAssignment;

/**
 * {@code bench --only assignment}: milliseconds of the trackers' and MOT metrics' assignment
 * solver on square matrices of uniform random costs in [0, 1), and with a cost limit of 0.8 (as
 * ByteTrack's lapjv call: pairs above it never made).
 */
final class AssignmentBenchmark {
  private AssignmentBenchmark() {}

  static void run(boolean quick, PrintWriter out) {
    out.println("assignment (Jonker-Volgenant, uniform random costs in [0, 1); median ms per solve):");
    SplittableRandom random = new SplittableRandom(17);
    for (int n : new int[] {100, 400, 1000}) {
      double[][][] matrices = new double[5][][];
      for (int m = 0; m < matrices.length; m++) {
        matrices[m] = random(random, n);
      }
      int calls = Math.max(1, (quick ? 20_000 : 100_000) / (n * 10));
      int[] next = {0};
      double plain = Timing.medianSeconds(() -> Assignment.solve(matrices[next[0]++ % matrices.length]), 2, calls,
          quick ? 3 : 7);
      double limited = Timing.medianSeconds(
          () -> CostLimitedAssignment.solve(matrices[next[0]++ % matrices.length], 0.8), 2, calls, quick ? 3 : 7);
      out.printf(Locale.ROOT, "  %4d x %-4d  %8.2f ms   with a cost limit of 0.8: %8.2f ms%n", n, n, plain * 1e3,
          limited * 1e3);
    }
    out.flush();
  }

  private static double[][] random(SplittableRandom random, int n) {
    double[][] cost = new double[n][n];
    for (double[] row : cost) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextDouble();
      }
    }
    return cost;
  }
}
