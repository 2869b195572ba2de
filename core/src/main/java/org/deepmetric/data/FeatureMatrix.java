package org.deepmetric.data;

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

  /** The dot product of row {@code a} of this and row {@code b} of {@code other}. */
  public float dot(int a, FeatureMatrix other, int b) {
    float sum = 0;
    int offsetA = a * dim;
    int offsetB = b * other.dim;
    for (int k = 0; k < dim; k++) {
      sum += values[offsetA + k] * other.values[offsetB + k];
    }
    return sum;
  }

  /** The squared length of row {@code row}. */
  public float squaredNorm(int row) {
    return dot(row, this, row);
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
