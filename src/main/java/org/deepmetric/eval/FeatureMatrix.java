package org.deepmetric.eval;

/** {@code count} feature vectors of {@code dim} floats, row-major. */
public record FeatureMatrix(float[] values, int count, int dim) {
  public FeatureMatrix {
    if (values.length != (long) count * dim) {
      throw new IllegalArgumentException(values.length + " values are not " + count + " x " + dim);
    }
  }

  public float get(int row, int column) {
    return values[row * dim + column];
  }

  /** Squared Euclidean distance between row {@code a} of this and row {@code b} of {@code other}. */
  public float squaredDistance(int a, FeatureMatrix other, int b) {
    float sum = 0;
    int offsetA = a * dim;
    int offsetB = b * other.dim;
    for (int k = 0; k < dim; k++) {
      float d = values[offsetA + k] - other.values[offsetB + k];
      sum += d * d;
    }
    return sum;
  }

  /** Cosine distance 1 - a.b / (|a| |b|) between row {@code a} of this and row {@code b} of {@code other}. */
  public float cosineDistance(int a, FeatureMatrix other, int b) {
    float dot = 0;
    float na = 0;
    float nb = 0;
    int offsetA = a * dim;
    int offsetB = b * other.dim;
    for (int k = 0; k < dim; k++) {
      float x = values[offsetA + k];
      float y = other.values[offsetB + k];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return 1 - dot / (float) Math.sqrt(Math.max(na * nb, 1e-24f));
  }

  /** The rows listed in {@code rows}, in that order. */
  public FeatureMatrix rows(int[] rows) {
    float[] out = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(values, rows[i] * dim, out, i * dim, dim);
    }
    return new FeatureMatrix(out, rows.length, dim);
  }
}
