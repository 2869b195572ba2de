package org.deepmetric.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepmetric.io.Npy;

/**
 * A sequence's detections, row for row as deep_sort's detection matrix holds them: det.txt's ten
 * columns (frame, id, x, y, w, h, confidence, x, y, z) and each detection's appearance feature
 * (empty without one). The columns stay in double precision, as the trackers' authors parse the
 * text, so that a score of 0.6 meets a 0.6 threshold exactly as there; from a .npy they are the
 * file's float32 values, as deep_sort_app reads them.
 */
public record DetectionTable(List<double[]> detections, List<float[]> features) {
  /** The rows of a .npy detection matrix (ten columns, then the feature). */
  public static DetectionTable of(Npy.Matrix matrix) {
    int cols = matrix.cols();
    float[] v = matrix.values();
    List<double[]> detections = new ArrayList<>(matrix.rows());
    List<float[]> features = new ArrayList<>(matrix.rows());
    for (int r = 0; r < matrix.rows(); r++) {
      double[] d = new double[DetectionFeatures.DETECTION_COLUMNS];
      for (int c = 0; c < d.length; c++) {
        d[c] = c < cols ? v[r * cols + c] : -1;
      }
      detections.add(d);
      features.add(Arrays.copyOfRange(v, r * cols + Math.min(cols, d.length), (r + 1) * cols));
    }
    return new DetectionTable(detections, features);
  }

  /** det.txt's rows without features, short rows padded with -1. */
  public static DetectionTable withoutFeatures(List<double[]> rows) {
    List<double[]> detections = new ArrayList<>(rows.size());
    for (double[] row : rows) {
      detections.add(padded(row));
    }
    return new DetectionTable(detections, rows.stream().map(r -> new float[0]).toList());
  }

  /** det.txt's ten columns of {@code row}, missing ones -1. */
  static double[] padded(double[] row) {
    double[] d = new double[DetectionFeatures.DETECTION_COLUMNS];
    Arrays.fill(d, -1);
    System.arraycopy(row, 0, d, 0, Math.min(d.length, row.length));
    return d;
  }

  public int size() {
    return detections.size();
  }

  /** The float32 matrix {@code <sequence>.npy} holds: each row's ten columns, then its feature. */
  public Npy.Matrix toNpy() {
    int dim = features.isEmpty() ? 0 : features.get(0).length;
    int cols = DetectionFeatures.DETECTION_COLUMNS + dim;
    float[] flat = new float[size() * cols];
    for (int r = 0; r < size(); r++) {
      double[] d = detections.get(r);
      for (int c = 0; c < d.length; c++) {
        flat[r * cols + c] = (float) d[c];
      }
      System.arraycopy(features.get(r), 0, flat, r * cols + d.length, dim);
    }
    return new Npy.Matrix(flat, size(), cols);
  }
}
