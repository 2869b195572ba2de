package org.deepmetric.track;

import java.util.Arrays;

/**
 * The minimum-cost assignment of rows to columns by the Jonker-Volgenant algorithm (1987), the
 * algorithm of {@code lap.lapjv} that ByteTrack and OC-SORT call: column reduction, reduction
 * transfer, two passes of augmenting row reduction, then a shortest augmenting path from each row
 * still free. As scipy's linear_sum_assignment, a rectangular matrix assigns min(rows, cols)
 * pairs (it is padded to a square with zeros, which changes no optimal pairing of real rows and
 * columns). Costs may be negative; they must be finite (callers cap what must not be matched).
 *
 * <p>Among assignments of equal total cost the one returned is the one this sequence of steps
 * reaches: a column's reduction takes its first cheapest row, a row's reduction its first
 * cheapest column, and a path ends at the first free column among the nearest. lapjv takes
 * the same steps, so exact ties fall as there unless its floating-point sums differ.
 */
public final class Assignment {
  private Assignment() {}

  /** {@code result[row]}: the column assigned to each row, or -1. */
  public static int[] solve(double[][] cost) {
    int rows = cost.length;
    int cols = rows == 0 ? 0 : cost[0].length;
    int[] assigned = new int[rows];
    Arrays.fill(assigned, -1);
    if (rows == 0 || cols == 0) {
      return assigned;
    }
    int n = Math.max(rows, cols);
    double[] square = new double[n * n];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(cost[i], 0, square, i * n, cols);
    }
    int[] columnOfRow = solveSquare(square, n);
    for (int i = 0; i < rows; i++) {
      assigned[i] = columnOfRow[i] < cols ? columnOfRow[i] : -1;
    }
    return assigned;
  }

  /** The optimal column of each row of the n x n matrix {@code c} (row-major). */
  static int[] solveSquare(double[] c, int n) {
    int[] x = new int[n];
    int[] y = new int[n];
    double[] v = new double[n];
    Arrays.fill(x, -1);
    int[] free = new int[n];
    int numFree = columnReduction(c, n, x, y, v, free);
    for (int pass = 0; pass < 2 && numFree > 0; pass++) {
      numFree = augmentingRowReduction(c, n, x, y, v, free, numFree);
    }
    double[] d = new double[n];
    int[] pred = new int[n];
    int[] columns = new int[n];
    for (int f = 0; f < numFree; f++) {
      augment(c, n, free[f], x, y, v, d, pred, columns);
    }
    return x;
  }

  /**
   * Each column's price is its cheapest entry, and it goes to that row if the row has no column
   * yet; rows that took exactly one column pass the gap to their second-cheapest column on to its
   * price (reduction transfer). Returns the number of rows left free, listed in {@code free}.
   */
  private static int columnReduction(double[] c, int n, int[] x, int[] y, double[] v, int[] free) {
    int[] matches = new int[n];
    for (int j = n - 1; j >= 0; j--) {
      int iMin = 0;
      double min = c[j];
      for (int i = 1; i < n; i++) {
        if (c[i * n + j] < min) {
          min = c[i * n + j];
          iMin = i;
        }
      }
      v[j] = min;
      if (++matches[iMin] == 1) {
        x[iMin] = j;
        y[j] = iMin;
      } else if (v[j] < v[x[iMin]]) {
        int j1 = x[iMin];
        x[iMin] = j;
        y[j] = iMin;
        y[j1] = -1;
      } else {
        y[j] = -1;
      }
    }
    int numFree = 0;
    for (int i = 0; i < n; i++) {
      if (matches[i] == 0) {
        free[numFree++] = i;
      } else if (matches[i] == 1) {
        int j1 = x[i];
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          if (j != j1) {
            min = Math.min(min, c[i * n + j] - v[j]);
          }
        }
        if (min < Double.POSITIVE_INFINITY) {
          v[j1] -= min;
        }
      }
    }
    return numFree;
  }

  /**
   * One pass over the free rows: each takes its cheapest reduced column, lowering that column's
   * price to the gap to its second cheapest, and the row it displaces is free again (at once when
   * the price fell, else in the next pass). Returns the number of rows left free.
   */
  private static int augmentingRowReduction(double[] c, int n, int[] x, int[] y, double[] v, int[] free,
      int numFree) {
    int previous = numFree;
    int k = 0;
    int left = 0;
    // Prices only fall here, but by float steps that can be vanishingly small: past this many
    // steps the rows still free are left to the shortest paths, which are exact in any case.
    long budget = 8L * n + 64;
    while (k < previous) {
      int i = free[k++];
      if (--budget < 0) {
        free[left++] = i;
        continue;
      }
      int base = i * n;
      double uMin = c[base] - v[0];
      int j1 = 0;
      int j2 = -1;
      double uSubMin = Double.POSITIVE_INFINITY;
      for (int j = 1; j < n; j++) {
        double h = c[base + j] - v[j];
        if (h < uSubMin) {
          if (h >= uMin) {
            uSubMin = h;
            j2 = j;
          } else {
            uSubMin = uMin;
            uMin = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      int i0 = y[j1];
      boolean lowered = uMin < uSubMin;
      if (lowered) {
        if (uSubMin < Double.POSITIVE_INFINITY) {
          v[j1] -= uSubMin - uMin;
        }
      } else if (i0 >= 0 && j2 >= 0) {
        j1 = j2;
        i0 = y[j2];
      }
      x[i] = j1;
      y[j1] = i;
      if (i0 >= 0) {
        x[i0] = -1;
        if (lowered) {
          free[--k] = i0;
        } else {
          free[left++] = i0;
        }
      }
    }
    return left;
  }

  /**
   * Dijkstra's shortest path in reduced costs from {@code freeRow} to the nearest unassigned
   * column, then the prices of the columns settled on the way raised and the path flipped.
   */
  private static void augment(double[] c, int n, int freeRow, int[] x, int[] y, double[] v, double[] d,
      int[] pred, int[] columns) {
    int base = freeRow * n;
    for (int j = 0; j < n; j++) {
      d[j] = c[base + j] - v[j];
      pred[j] = freeRow;
      columns[j] = j;
    }
    // columns[0, low): settled; [low, up): at the current minimum distance; [up, n): the rest.
    int low = 0;
    int up = 0;
    int last = 0;
    int end = -1;
    double min = 0;
    while (end < 0) {
      if (up == low) {
        last = low - 1;
        min = d[columns[up++]];
        for (int k = up; k < n; k++) {
          int j = columns[k];
          double h = d[j];
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            columns[k] = columns[up];
            columns[up++] = j;
          }
        }
        for (int k = low; k < up; k++) {
          if (y[columns[k]] < 0) {
            end = columns[k];
            break;
          }
        }
      }
      if (end < 0) {
        int j1 = columns[low++];
        int i = y[j1];
        int rowBase = i * n;
        double h = c[rowBase + j1] - v[j1] - min;
        for (int k = up; k < n; k++) {
          int j = columns[k];
          double v2 = c[rowBase + j] - v[j] - h;
          if (v2 < d[j]) {
            pred[j] = i;
            if (v2 == min) {
              if (y[j] < 0) {
                end = j;
                break;
              }
              columns[k] = columns[up];
              columns[up++] = j;
            }
            d[j] = v2;
          }
        }
      }
    }
    for (int k = 0; k <= last; k++) {
      int j = columns[k];
      v[j] += d[j] - min;
    }
    int i;
    do {
      i = pred[end];
      y[end] = i;
      int j = end;
      end = x[i];
      x[i] = j;
    } while (i != freeRow);
  }
}
