package org.deepmetric.eval;

/** How two features are compared: cosine distance for cosine-softmax features, squared Euclidean otherwise. */
public enum Metric {
  COSINE,
  SQUARED_EUCLIDEAN;

  /** The distance from a dot product and the two squared norms. */
  float distance(float dot, float squaredNormA, float squaredNormB) {
    return switch (this) {
      case COSINE -> Math.max(0f, 1f - dot / (float) Math.sqrt(Math.max(squaredNormA * squaredNormB, 1e-24f)));
      case SQUARED_EUCLIDEAN -> Math.max(0f, squaredNormA + squaredNormB - 2 * dot);
    };
  }
}
