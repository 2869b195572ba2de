package org.deepmetric.track;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The minimum-cost assignment of rows to columns (the Hungarian method, by JGraphT's
 * Kuhn-Munkres), as scipy's linear_sum_assignment: a rectangular matrix assigns min(rows, cols)
 * pairs. Costs must be finite; callers cap what must not be matched and reject it afterwards.
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
    // Padding to a square with dummies of one cost changes no optimal pairing of real rows and columns.
    int n = Math.max(rows, cols);
    double pad = 0;
    for (double[] row : cost) {
      for (double c : row) {
        pad = Math.max(pad, Math.abs(c));
      }
    }
    pad = pad * 2 + 1;
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
        DefaultWeightedEdge edge = graph.addEdge(i, n + j);
        graph.setEdgeWeight(edge, i < rows && j < cols ? cost[i][j] : pad);
      }
    }
    MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching =
        new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, left, right).getMatching();
    for (DefaultWeightedEdge edge : matching.getEdges()) {
      int a = graph.getEdgeSource(edge);
      int b = graph.getEdgeTarget(edge);
      int row = Math.min(a, b);
      int col = Math.max(a, b) - n;
      if (row < rows && col < cols) {
        assigned[row] = col;
      }
    }
    return assigned;
  }
}
