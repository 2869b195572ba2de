package org.deepmetric.eval;

import org.deepmetric.data.FeatureMatrix;

/**
 * How two features are compared: cosine distance for cosine-softmax features, squared Euclidean
 * otherwise. The one home of both formulas: every ranking (metrics, validation, re-ranking,
 * pictures) gets its distances here, row by row or a block at a time through {@link DistanceBlocks}.
 */
public enum Metric {
  COSINE("cosine"),
  SQUARED_EUCLIDEAN("euclidean");

  private final String flag;

  Metric(String flag) {
    this.flag = flag;
  }

  /** The distance between row {@code a} of {@code x} and row {@code b} of {@code y}. */
  public float between(FeatureMatrix x, int a, FeatureMatrix y, int b) {
    return distance(x.dot(a, y, b), x.squaredNorm(a), y.squaredNorm(b));
  }

  /** The distance from a dot product and the two squared norms; never negative. */
  float distance(float dot, float squaredNormA, float squaredNormB) {
    return switch (this) {
      case COSINE -> Math.max(0f, 1f - dot / (float) Math.sqrt(Math.max(squaredNormA * squaredNormB, 1e-24f)));
      case SQUARED_EUCLIDEAN -> Math.max(0f, squaredNormA + squaredNormB - 2 * dot);
    };
  }

  /** The spelling of {@code --metric}. */
  @Override
  public String toString() {
    return flag;
  }
}
