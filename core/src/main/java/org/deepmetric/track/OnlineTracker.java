package org.deepmetric.track;

import java.util.List;

/**
 * A multi-object tracker fed one frame at a time, whatever its algorithm: the frame's detections
 * in (boxes, scores, appearance features where the algorithm uses them), the boxes it reports for
 * that frame out, each algorithm by its own rule (which tracks, which box, which score). Call it
 * once for every frame, with no detections where a frame has none, so that tracks age.
 */
public interface OnlineTracker {
  /**
   * Tracks the next frame. {@code warp} is the camera's motion from the previous frame to this
   * one, a 2x3 affine matrix in pixels (null: none measured); algorithms without camera-motion
   * compensation ignore it.
   */
  List<TrackedBox> update(List<Detection> detections, double[][] warp);

  /** The next frame, with no camera motion. */
  default List<TrackedBox> update(List<Detection> detections) {
    return update(detections, null);
  }
}
