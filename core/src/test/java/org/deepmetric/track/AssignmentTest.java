package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;

/** The Jonker-Volgenant solver against brute force and against JGraphT's Kuhn-Munkres. */
class AssignmentTest {
  @Test
  void smallMatricesGetTheBruteForceOptimum() {
    Random random = new Random(3);
    for (int trial = 0; trial < 3000; trial++) {
      int rows = 1 + random.nextInt(6);
      int cols = 1 + random.nextInt(6);
      double[][] cost = new double[rows][cols];
      for (double[] row : cost) {
        for (int j = 0; j < cols; j++) {
          // Small integers make many exact ties; a third of the trials reach into negative costs.
          row[j] = trial % 3 == 0 ? random.nextInt(7) - 3 : trial % 3 == 1 ? random.nextInt(4) : random.nextDouble();
        }
      }
      int[] assigned = Assignment.solve(cost);
      assertValid(assigned, cols, Math.min(rows, cols));
      assertEquals(bruteForce(cost), total(cost, assigned), 1e-9, "trial " + trial);
    }
  }

  @Test
  void largeRandomMatricesCostWhatKuhnMunkresCosts() {
    Random random = new Random(5);
    for (int trial = 0; trial < 6; trial++) {
      int rows = trial % 2 == 0 ? 200 : 300;
      int cols = 500 - rows;
      double[][] cost = new double[rows][cols];
      for (double[] row : cost) {
        for (int j = 0; j < cols; j++) {
          row[j] = trial < 4 ? random.nextDouble() * 100 - 20 : random.nextInt(5);
        }
      }
      int[] assigned = Assignment.solve(cost);
      assertValid(assigned, cols, 200);
      assertEquals(total(cost, kuhnMunkres(cost)), total(cost, assigned), 1e-6, "trial " + trial);
    }
  }

  @Test
  void theCostLimitLeavesPairsAboveItUnmatchedAndTakesTheBestBelowIt() {
    // Row 0 with column 0 and row 1 with column 1 (0.2 + 0.95) would be the cheapest full pairing,
    // but 0.95 is over the limit 0.9: lapjv leaves row 1 unmatched instead (0.2 + 2 x 0.45).
    double[][] cost = {{0.2, 0.88}, {0.3, 0.95}};
    assertArrayEquals(new int[] {0, -1}, CostLimitedAssignment.solve(cost, 0.9));
    assertArrayEquals(new int[] {0, 1}, CostLimitedAssignment.solve(cost, 1.0));
    // Negative costs (ByteTrack's fused score with detection scores above 1) are matched as any other.
    assertArrayEquals(new int[] {1, 0}, CostLimitedAssignment.solve(new double[][] {{-0.5, -2}, {-1.8, 0.1}}, 0.8));
    assertArrayEquals(new int[] {-1, -1}, CostLimitedAssignment.solve(new double[][] {{0.95, 0.99}, {0.91, 2}}, 0.9));
    assertArrayEquals(new int[0], CostLimitedAssignment.solve(new double[0][0], 0.9));
    assertArrayEquals(new int[] {-1}, CostLimitedAssignment.solve(new double[][] {{}}, 0.9));
  }

  @Test
  void randomCostLimitedMatchesAreOptimalAmongPairsUnderTheLimit() {
    Random random = new Random(11);
    for (int trial = 0; trial < 2000; trial++) {
      int rows = 1 + random.nextInt(5);
      int cols = 1 + random.nextInt(5);
      double[][] cost = new double[rows][cols];
      for (double[] row : cost) {
        for (int j = 0; j < cols; j++) {
          row[j] = random.nextInt(12) / 10.0 - 0.1;
        }
      }
      double limit = 0.8;
      int[] matched = CostLimitedAssignment.solve(cost, limit);
      assertValid(matched, cols, -1);
      double total = 0;
      int pairs = 0;
      for (int i = 0; i < rows; i++) {
        if (matched[i] >= 0) {
          assertTrue(cost[i][matched[i]] <= limit, "trial " + trial);
          total += cost[i][matched[i]];
          pairs++;
        }
      }
      // Each row or column left out costs limit / 2, as lapjv's extended matrix charges it.
      assertEquals(bestWithLimit(cost, limit), total + (rows + cols - 2 * pairs) * limit / 2, 1e-9, "trial " + trial);
    }
  }

  @Test
  void emptyAndDegenerateShapes() {
    assertArrayEquals(new int[0], Assignment.solve(new double[0][0]));
    assertArrayEquals(new int[] {-1, -1}, Assignment.solve(new double[][] {{}, {}}));
    assertArrayEquals(new int[] {0}, Assignment.solve(new double[][] {{-1e9}}));
    // All equal: any perfect assignment is optimal; each column is used once.
    int[] ties = Assignment.solve(new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
    assertValid(ties, 3, 3);
  }

  private static void assertValid(int[] assigned, int cols, int expectedPairs) {
    Set<Integer> used = new HashSet<>();
    int pairs = 0;
    for (int col : assigned) {
      if (col >= 0) {
        assertTrue(col < cols && used.add(col), "column " + col + " twice or out of range");
        pairs++;
      }
    }
    if (expectedPairs >= 0) {
      assertEquals(expectedPairs, pairs);
    }
  }

  private static double total(double[][] cost, int[] assigned) {
    double sum = 0;
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] >= 0) {
        sum += cost[i][assigned[i]];
      }
    }
    return sum;
  }

  /** The least total over all ways to pair min(rows, cols) rows and columns. */
  private static double bruteForce(double[][] cost) {
    int rows = cost.length;
    int cols = cost[0].length;
    return rows <= cols ? search(cost, 0, new boolean[cols]) : search(transpose(cost), 0, new boolean[rows]);
  }

  /** The least total where each row may also stay out, at limit / 2 for it and for each column left out. */
  private static double bestWithLimit(double[][] cost, double limit) {
    return searchWithLimit(cost, 0, new boolean[cost.length == 0 ? 0 : cost[0].length], limit,
        cost.length == 0 ? 0 : cost[0].length);
  }

  private static double search(double[][] cost, int row, boolean[] used) {
    if (row == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, cost[row][j] + search(cost, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }

  private static double searchWithLimit(double[][] cost, int row, boolean[] used, double limit, int cols) {
    if (row == cost.length) {
      int free = 0;
      for (boolean u : used) {
        free += u ? 0 : 1;
      }
      return free * limit / 2;
    }
    double best = limit / 2 + searchWithLimit(cost, row + 1, used, limit, cols);
    for (int j = 0; j < cols; j++) {
      if (!used[j] && cost[row][j] <= limit) {
        used[j] = true;
        best = Math.min(best, cost[row][j] + searchWithLimit(cost, row + 1, used, limit, cols));
        used[j] = false;
      }
    }
    return best;
  }

  private static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** JGraphT's Kuhn-Munkres on the matrix padded to a square with one large cost. */
  private static int[] kuhnMunkres(double[][] cost) {
    int rows = cost.length;
    int cols = cost[0].length;
    int n = Math.max(rows, cols);
    Graph<Integer, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    Set<Integer> left = new HashSet<>();
    Set<Integer> right = new HashSet<>();
    for (int i = 0; i < n; i++) {
      graph.addVertex(i);
      left.add(i);
      graph.addVertex(n + i);
      right.add(n + i);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        graph.setEdgeWeight(graph.addEdge(i, n + j), i < rows && j < cols ? cost[i][j] : 1e4);
      }
    }
    MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching =
        new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, left, right).getMatching();
    int[] assigned = new int[rows];
    Arrays.fill(assigned, -1);
    for (DefaultWeightedEdge edge : matching.getEdges()) {
      int a = Math.min(graph.getEdgeSource(edge), graph.getEdgeTarget(edge));
      int b = Math.max(graph.getEdgeSource(edge), graph.getEdgeTarget(edge)) - n;
      if (a < rows && b < cols) {
        assigned[a] = b;
      }
    }
    return assigned;
  }
}
