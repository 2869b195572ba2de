package org.deepmetric.track;

import java.util.Arrays;

/**
 * lap.lapjv with {@code extend_cost=True, cost_limit=L}, as ByteTrack calls it: the cost matrix
 * [n x m] is embedded in an (n + m) square whose extra entries cost L / 2 (0 where both are extra),
 * so leaving a row and a column unmatched costs L and no pair costing more than L is ever made;
 * the square's minimum-cost assignment ({@link Assignment}) gives the pairs. Ties between equal
 * totals may be broken otherwise than lapjv breaks them.
 */
public final class CostLimitedAssignment {
  private CostLimitedAssignment() {}

  /** {@code result[row]}: the column matched to each row, or -1. */
  public static int[] solve(double[][] cost, double limit) {
    int rows = cost.length;
    int cols = rows == 0 ? 0 : cost[0].length;
    int[] matched = new int[rows];
    Arrays.fill(matched, -1);
    if (rows == 0 || cols == 0) {
      return matched;
    }
    int n = rows + cols;
    double[][] extended = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        extended[i][j] = i < rows && j < cols ? cost[i][j] : i >= rows && j >= cols ? 0 : limit / 2;
      }
    }
    int[] assigned = Assignment.solve(extended);
    for (int i = 0; i < rows; i++) {
      if (assigned[i] >= 0 && assigned[i] < cols) {
        matched[i] = assigned[i];
      }
    }
    return matched;
  }
}
