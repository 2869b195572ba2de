package org.deepmetric.track;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * deep_sort's association steps. {@link #minCostMatching} solves one assignment, capping costs
 * at {@code maxDistance + 1e-5} and rejecting pairs above {@code maxDistance}; the
 * {@link #matchingCascade} matches the tracks missed for 1 frame first, then 2, ... up to
 * {@code maxAge}, each level taking only the detections left over; {@link #gate} sets the cost
 * of a detection outside a track's 95% Mahalanobis gate to {@link #INFINITE_COST}.
 */
public final class LinearAssignment {
  public static final double INFINITE_COST = 1e5;

  /** Costs of the given tracks (rows) to the given detections (columns). */
  @FunctionalInterface
  interface CostFunction {
    double[][] cost(List<Track> tracks, List<Detection> detections, List<Integer> trackIndices,
        List<Integer> detectionIndices);
  }

  /** Matched (track, detection) index pairs and what is left of each side, in their input order. */
  record Result(List<int[]> matches, List<Integer> unmatchedTracks, List<Integer> unmatchedDetections) {}

  private LinearAssignment() {}

  static Result minCostMatching(CostFunction distance, double maxDistance, List<Track> tracks,
      List<Detection> detections, List<Integer> trackIndices, List<Integer> detectionIndices) {
    if (trackIndices.isEmpty() || detectionIndices.isEmpty()) {
      return new Result(List.of(), new ArrayList<>(trackIndices), new ArrayList<>(detectionIndices));
    }
    double[][] cost = distance.cost(tracks, detections, trackIndices, detectionIndices);
    for (double[] row : cost) {
      for (int c = 0; c < row.length; c++) {
        row[c] = Math.min(row[c], maxDistance + 1e-5);
      }
    }
    int[] assigned = Assignment.solve(cost);
    List<int[]> matches = new ArrayList<>();
    List<Integer> unmatchedTracks = new ArrayList<>();
    boolean[] detectionTaken = new boolean[detectionIndices.size()];
    for (int row = 0; row < assigned.length; row++) {
      int col = assigned[row];
      if (col < 0 || cost[row][col] > maxDistance) {
        unmatchedTracks.add(trackIndices.get(row));
      } else {
        matches.add(new int[] {trackIndices.get(row), detectionIndices.get(col)});
        detectionTaken[col] = true;
      }
    }
    List<Integer> unmatchedDetections = new ArrayList<>();
    for (int col = 0; col < detectionIndices.size(); col++) {
      if (!detectionTaken[col]) {
        unmatchedDetections.add(detectionIndices.get(col));
      }
    }
    return new Result(matches, unmatchedTracks, unmatchedDetections);
  }

  static Result matchingCascade(CostFunction distance, double maxDistance, int maxAge, List<Track> tracks,
      List<Detection> detections, List<Integer> trackIndices) {
    List<Integer> unmatchedDetections = new ArrayList<>();
    for (int d = 0; d < detections.size(); d++) {
      unmatchedDetections.add(d);
    }
    List<int[]> matches = new ArrayList<>();
    for (int level = 0; level < maxAge && !unmatchedDetections.isEmpty(); level++) {
      int age = level + 1;
      List<Integer> levelTracks = trackIndices.stream().filter(k -> tracks.get(k).timeSinceUpdate() == age).toList();
      if (levelTracks.isEmpty()) {
        continue;
      }
      Result level1 = minCostMatching(distance, maxDistance, tracks, detections, levelTracks, unmatchedDetections);
      matches.addAll(level1.matches());
      unmatchedDetections = level1.unmatchedDetections();
    }
    Set<Integer> unmatchedTracks = new LinkedHashSet<>(trackIndices);
    matches.forEach(m -> unmatchedTracks.remove(m[0]));
    return new Result(matches, new ArrayList<>(unmatchedTracks), unmatchedDetections);
  }

  /** The squared Mahalanobis distance of each detection (columns) to each track's prediction (rows). */
  static double[][] gatingDistances(KalmanFilter filter, List<Track> tracks, List<Detection> detections,
      List<Integer> trackIndices, List<Integer> detectionIndices) {
    double[][] measurements = new double[detectionIndices.size()][];
    for (int c = 0; c < measurements.length; c++) {
      measurements[c] = detections.get(detectionIndices.get(c)).box().toXyah();
    }
    double[][] distances = new double[trackIndices.size()][];
    for (int row = 0; row < trackIndices.size(); row++) {
      distances[row] = filter.gatingDistance(tracks.get(trackIndices.get(row)).estimate(), measurements);
    }
    return distances;
  }

  /** Whether each pair lies inside the 95% gate. */
  static boolean[][] insideGate(double[][] gatingDistances) {
    boolean[][] inside = new boolean[gatingDistances.length][];
    for (int row = 0; row < inside.length; row++) {
      inside[row] = new boolean[gatingDistances[row].length];
      for (int c = 0; c < inside[row].length; c++) {
        inside[row][c] = gatingDistances[row][c] <= KalmanFilter.GATE_95_4DOF;
      }
    }
    return inside;
  }

  /**
   * Sets cost[row][col] to {@link #INFINITE_COST} where the detection is outside the track's gate;
   * with {@code mcLambda} (not NaN), then blends every entry with the squared Mahalanobis distance.
   */
  static double[][] gate(double[][] cost, double[][] gatingDistances, double mcLambda) {
    for (int row = 0; row < cost.length; row++) {
      double[] distances = gatingDistances[row];
      for (int c = 0; c < distances.length; c++) {
        if (distances[c] > KalmanFilter.GATE_95_4DOF) {
          cost[row][c] = INFINITE_COST;
        }
        if (!Double.isNaN(mcLambda)) {
          // StrongSORT's MC, after the gate as there: a gated pair stays far above any threshold.
          cost[row][c] = mcLambda * cost[row][c] + (1 - mcLambda) * distances[c];
        }
      }
    }
    return cost;
  }
}
