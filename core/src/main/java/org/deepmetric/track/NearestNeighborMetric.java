package org.deepmetric.track;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * deep_sort's nearest-neighbour cosine distance: each confirmed track keeps its last
 * {@code budget} appearance features, and a detection's distance to a track is the smallest
 * cosine distance (1 - cos) to any of them. Features are normalised here, so any scale works.
 */
public final class NearestNeighborMetric {
  private final double matchingThreshold;
  private final int budget;
  private final Map<Integer, Deque<float[]>> samples = new HashMap<>();

  /** {@code budget} 0 keeps every feature. */
  public NearestNeighborMetric(double matchingThreshold, int budget) {
    this.matchingThreshold = matchingThreshold;
    this.budget = budget;
  }

  public double matchingThreshold() {
    return matchingThreshold;
  }

  /** Adds the features of each target, then forgets every target not in {@code activeTargets}. */
  void partialFit(Map<Integer, List<float[]>> featuresByTarget, Set<Integer> activeTargets) {
    featuresByTarget.forEach((target, features) -> {
      Deque<float[]> kept = samples.computeIfAbsent(target, t -> new ArrayDeque<>());
      for (float[] feature : features) {
        kept.addLast(FeatureEma.normalised(feature));
        if (budget > 0 && kept.size() > budget) {
          kept.removeFirst();
        }
      }
    });
    samples.keySet().retainAll(activeTargets);
  }

  /** cost[t][d]: the distance of detection d to target t. */
  double[][] distance(List<float[]> features, List<Integer> targets) {
    return distance(features, targets, null);
  }

  /**
   * The same where {@code needed[t][d]} (null: everywhere); elsewhere the entry is left at
   * infinity, for a caller that overwrites it anyway (a pair outside the gate).
   */
  double[][] distance(List<float[]> features, List<Integer> targets, boolean[][] needed) {
    double[][] cost = new double[targets.size()][features.size()];
    float[][] normalised = new float[features.size()][];
    for (int t = 0; t < targets.size(); t++) {
      Deque<float[]> kept = samples.getOrDefault(targets.get(t), new ArrayDeque<>());
      for (int d = 0; d < features.size(); d++) {
        if (needed != null && !needed[t][d]) {
          cost[t][d] = Double.POSITIVE_INFINITY;
          continue;
        }
        if (normalised[d] == null) {
          normalised[d] = FeatureEma.normalised(features.get(d));
        }
        float[] feature = normalised[d];
        double best = Double.POSITIVE_INFINITY;
        for (float[] sample : kept) {
          double dot = 0;
          for (int k = 0; k < sample.length; k++) {
            dot += sample[k] * feature[k];
          }
          best = Math.min(best, 1 - dot);
        }
        cost[t][d] = best;
      }
    }
    return cost;
  }
}
