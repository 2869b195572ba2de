package org.deepmetric.track;

import java.util.List;

/**
 * deep_sort's IoU cost: 1 - IoU of a track's predicted box and a detection; a track missed for
 * more than one frame costs {@link LinearAssignment#INFINITE_COST} to every detection.
 */
final class IouMatching {
  private IouMatching() {}

  static double[][] cost(List<Track> tracks, List<Detection> detections, List<Integer> trackIndices,
      List<Integer> detectionIndices) {
    double[][] cost = new double[trackIndices.size()][detectionIndices.size()];
    for (int row = 0; row < trackIndices.size(); row++) {
      Track track = tracks.get(trackIndices.get(row));
      Box box = track.box();
      for (int col = 0; col < detectionIndices.size(); col++) {
        cost[row][col] = track.timeSinceUpdate() > 1 ? LinearAssignment.INFINITE_COST
            : 1 - box.iou(detections.get(detectionIndices.get(col)).box());
      }
    }
    return cost;
  }
}
