package org.deepmetric.track;

/**
 * One camera's track as cross-camera linking sees it: its camera (an index) and id there, the
 * first and last second it was reported on the cameras' common clock, how many boxes it has, and
 * its appearance: the mean of its detections' L2-normalised features, normalised (empty without
 * features).
 */
public record TrackSummary(int camera, int localId, double firstSeconds, double lastSeconds, int boxes,
    float[] feature) {
  /** 1 - the cosine of the two unit features: the distance linking and search rank by (1 without a feature). */
  public double distanceTo(float[] unit) {
    if (feature.length == 0 || feature.length != unit.length) {
      return 1;
    }
    double dot = 0;
    for (int k = 0; k < unit.length; k++) {
      dot += (double) feature[k] * unit[k];
    }
    return 1 - dot;
  }

  /** Whether the two tracks are seen at the same time somewhere. */
  boolean overlapsInTime(TrackSummary other) {
    return firstSeconds <= other.lastSeconds && other.firstSeconds <= lastSeconds;
  }

  /** Seconds from the end of the earlier of the two to the start of the later (negative when they overlap). */
  double gapTo(TrackSummary other) {
    return firstSeconds <= other.firstSeconds ? other.firstSeconds - lastSeconds : firstSeconds - other.lastSeconds;
  }
}
