package org.deepmetric.track;

import java.util.ArrayList;
import java.util.List;

/**
 * One target as deep_sort keeps it: a Kalman estimate, its id, how often it was matched (hits), its
 * age and the frames since its last match, and the appearance features gathered since the
 * metric last took them. A track starts tentative, is confirmed after {@code nInit} matches in a
 * row, and is deleted when a tentative track misses once or a confirmed one misses more than
 * {@code maxAge} frames. Under StrongSORT's switches the features are one moving average and the
 * filter's measurement noise follows the detection's confidence.
 */
public final class Track {
  /** A track's life stage. */
  public enum Stage { TENTATIVE, CONFIRMED, DELETED }

  private final int id;
  private final int nInit;
  private final int maxAge;
  private KalmanFilter.State estimate;
  private int hits = 1;
  private int age = 1;
  private int timeSinceUpdate;
  private Stage stage = Stage.TENTATIVE;
  private final List<float[]> features = new ArrayList<>();

  Track(KalmanFilter.State estimate, int id, int nInit, int maxAge, float[] feature) {
    this.estimate = estimate;
    this.id = id;
    this.nInit = nInit;
    this.maxAge = maxAge;
    features.add(feature);
  }

  public int id() {
    return id;
  }

  /** The filter's box: (centre, aspect, height) turned back into top-left, width, height. */
  public Box box() {
    return Box.fromXyah(estimate.mean());
  }

  public int timeSinceUpdate() {
    return timeSinceUpdate;
  }

  public int hits() {
    return hits;
  }

  public boolean isConfirmed() {
    return stage == Stage.CONFIRMED;
  }

  boolean isDeleted() {
    return stage == Stage.DELETED;
  }

  KalmanFilter.State estimate() {
    return estimate;
  }

  void predict(KalmanFilter filter) {
    estimate = filter.predict(estimate);
    age++;
    timeSinceUpdate++;
  }

  void update(KalmanFilter filter, Detection detection, Tracker.Variant variant) {
    estimate = filter.update(estimate, detection.box().toXyah(), variant.nsa() ? 1 - detection.confidence() : 1);
    if (Double.isNaN(variant.emaAlpha())) {
      features.add(detection.feature());
    } else {
      float[] smooth = FeatureEma.update(features.get(features.size() - 1),
          FeatureEma.normalised(detection.feature()), variant.emaAlpha());
      features.clear();
      features.add(smooth);
    }
    hits++;
    timeSinceUpdate = 0;
    if (stage == Stage.TENTATIVE && hits >= nInit) {
      stage = Stage.CONFIRMED;
    }
  }

  /**
   * StrongSORT's camera_update: the box's corners moved by {@code warp} (2x3), the estimate's
   * (x, y, aspect, height) set from them; velocities and covariance stay. A warp farther than 100
   * (Frobenius) from the identity is ignored, as there.
   */
  void cameraUpdate(double[][] warp) {
    double distance = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double d = warp[i][j] - (i == j ? 1 : 0);
        distance += d * d;
      }
    }
    if (Math.sqrt(distance) >= 100) {
      return;
    }
    Box b = box();
    double x1 = warp[0][0] * b.x() + warp[0][1] * b.y() + warp[0][2];
    double y1 = warp[1][0] * b.x() + warp[1][1] * b.y() + warp[1][2];
    double x2 = warp[0][0] * (b.x() + b.w()) + warp[0][1] * (b.y() + b.h()) + warp[0][2];
    double y2 = warp[1][0] * (b.x() + b.w()) + warp[1][1] * (b.y() + b.h()) + warp[1][2];
    double w = x2 - x1;
    double h = y2 - y1;
    double[] mean = estimate.mean().clone();
    mean[0] = x1 + w / 2;
    mean[1] = y1 + h / 2;
    mean[2] = w / h;
    mean[3] = h;
    estimate = new KalmanFilter.State(mean, estimate.covariance());
  }

  void markMissed() {
    if (stage == Stage.TENTATIVE || timeSinceUpdate > maxAge) {
      stage = Stage.DELETED;
    }
  }

  /** The features gathered since the last call, handed to the metric; an EMA track keeps its one feature. */
  List<float[]> takeFeatures(boolean keep) {
    List<float[]> taken = new ArrayList<>(features);
    if (!keep) {
      features.clear();
    }
    return taken;
  }
}
