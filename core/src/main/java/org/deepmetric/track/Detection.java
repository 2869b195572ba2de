package org.deepmetric.track;

/**
 * One detector box of one frame, its confidence, its appearance feature (any length, may be
 * empty) and its class (the detector's numbering, -1 where the detections carry none).
 */
public record Detection(Box box, double confidence, float[] feature, int classId) {
  /** A detection of no particular class, as det.txt and deep_sort's .npy give them. */
  public Detection(Box box, double confidence, float[] feature) {
    this(box, confidence, feature, -1);
  }
}
