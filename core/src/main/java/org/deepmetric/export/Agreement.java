package org.deepmetric.export;

import java.util.List;
import java.util.Locale;
import org.deepmetric.DeepMetricException;

/**
 * How closely one model's output rows follow a reference model's on the same inputs: the least and
 * the mean cosine over the rows. Two all-zero rows agree (cosine 1).
 */
public record Agreement(double minCosine, double meanCosine, int rows) {
  /**
   * Compares batch by batch: {@code reference.get(b)} and {@code other.get(b)} hold the same rows of
   * {@code width} values each.
   */
  public static Agreement between(List<float[]> reference, List<float[]> other, int width) {
    double min = Double.POSITIVE_INFINITY;
    double sum = 0;
    int rows = 0;
    for (int b = 0; b < reference.size(); b++) {
      float[] a = reference.get(b);
      float[] q = other.get(b);
      for (int r = 0; r < a.length / width; r++) {
        double dot = 0;
        double na = 0;
        double nq = 0;
        for (int i = r * width; i < (r + 1) * width; i++) {
          dot += (double) a[i] * q[i];
          na += (double) a[i] * a[i];
          nq += (double) q[i] * q[i];
        }
        double cosine = na == 0 && nq == 0 ? 1 : dot / Math.sqrt(na * nq + 1e-30);
        min = Math.min(min, cosine);
        sum += cosine;
        rows++;
      }
    }
    if (rows == 0) {
      throw new DeepMetricException("no rows to compare the two models on");
    }
    return new Agreement(min, sum / rows, rows);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "cosine over %d held-out rows: min %.5f, mean %.5f", rows, minCosine, meanCosine);
  }
}
