package org.deepmetric.track;

/**
 * One camera's track as cross-camera linking sees it: its camera (an index) and id there, the
 * first and last second it was reported on the cameras' common clock, how many boxes it has, and
 * its appearance: the mean of its detections' L2-normalised features, normalised (empty without
 * features).
 */
public record TrackSummary(int camera, int localId, double firstSeconds, double lastSeconds, int boxes,
    float[] feature) {
  /** Whether the two tracks are seen at the same time somewhere. */
  boolean overlapsInTime(TrackSummary other) {
    return firstSeconds <= other.lastSeconds && other.firstSeconds <= lastSeconds;
  }

  /** Seconds from the end of the earlier of the two to the start of the later (negative when they overlap). */
  double gapTo(TrackSummary other) {
    return firstSeconds <= other.firstSeconds ? other.firstSeconds - lastSeconds : firstSeconds - other.lastSeconds;
  }
}
