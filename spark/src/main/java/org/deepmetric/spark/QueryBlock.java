package org.deepmetric.spark;

import java.io.Serializable;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.Relevance;

/**
 * The queries of one pass over the gallery, shipped to every executor once (a broadcast):
 * rows {@code first} on of the whole query table, their features [count, dim] row-major, and the
 * path, identity and camera of each (identity -1 and camera {@link Relevance#UNKNOWN_CAMERA}
 * where the table has none).
 */
record QueryBlock(int first, float[] values, int dim, String[] paths, int[] identities, int[] cameras)
    implements Serializable {
  /** Rows {@code from} to {@code to} of {@code rows}; all must have {@code dim} features. */
  static QueryBlock of(List<FeatureRow> rows, int from, int to, int dim) {
    int count = to - from;
    float[] values = new float[count * dim];
    String[] paths = new String[count];
    int[] identities = new int[count];
    int[] cameras = new int[count];
    for (int i = 0; i < count; i++) {
      FeatureRow row = rows.get(from + i);
      if (row.getFeatures() == null || row.getFeatures().length != dim) {
        throw new DeepMetricException(row.getPath() + ": query has " + (row.getFeatures() == null ? "no"
            : row.getFeatures().length) + " features, the first query " + dim);
      }
      System.arraycopy(row.getFeatures(), 0, values, i * dim, dim);
      paths[i] = row.getPath();
      identities[i] = row.getIdentity() == null ? -1 : row.getIdentity();
      cameras[i] = row.getCamera() == null ? Relevance.UNKNOWN_CAMERA : row.getCamera();
    }
    return new QueryBlock(from, values, dim, paths, identities, cameras);
  }

  /** The features as a matrix (a record of the JDK's is not serialisable, hence the plain array). */
  FeatureMatrix features() {
    return new FeatureMatrix(values, count(), dim);
  }

  int count() {
    return paths.length;
  }
}
