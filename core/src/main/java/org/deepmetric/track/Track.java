package org.deepmetric.track;

import java.util.ArrayList;
import java.util.List;

/**
 * One target as deep_sort keeps it: a Kalman state, its id, how often it was matched (hits), its
 * age and the frames since its last match, and the appearance features gathered since the
 * metric last took them. A track starts tentative, is confirmed after {@code nInit} matches in a
 * row, and is deleted when a tentative track misses once or a confirmed one misses more than
 * {@code maxAge} frames.
 */
public final class Track {
  /** A track's life stage. */
  public enum State { TENTATIVE, CONFIRMED, DELETED }

  private final int id;
  private final int nInit;
  private final int maxAge;
  private KalmanFilter.State estimate;
  private int hits = 1;
  private int age = 1;
  private int timeSinceUpdate;
  private State state = State.TENTATIVE;
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
    return state == State.CONFIRMED;
  }

  boolean isDeleted() {
    return state == State.DELETED;
  }

  KalmanFilter.State estimate() {
    return estimate;
  }

  void predict(KalmanFilter filter) {
    estimate = filter.predict(estimate);
    age++;
    timeSinceUpdate++;
  }

  void update(KalmanFilter filter, Detection detection) {
    estimate = filter.update(estimate, detection.box().toXyah());
    features.add(detection.feature());
    hits++;
    timeSinceUpdate = 0;
    if (state == State.TENTATIVE && hits >= nInit) {
      state = State.CONFIRMED;
    }
  }

  void markMissed() {
    if (state == State.TENTATIVE || timeSinceUpdate > maxAge) {
      state = State.DELETED;
    }
  }

  /** The features gathered since the last call, handed to the metric. */
  List<float[]> takeFeatures() {
    List<float[]> taken = new ArrayList<>(features);
    features.clear();
    return taken;
  }
}
