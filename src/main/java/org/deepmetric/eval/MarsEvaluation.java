package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Tracklet;

/**
 * The MARS test protocol: each tracklet's feature is the mean of its frames' features,
 * L2-normalised again (the kit's process_box_feat with average pooling, as the original's README
 * asks); the {@code query_IDX} tracklets are ranked against the remaining ones under the rules of
 * {@link Retrieval}.
 */
public final class MarsEvaluation {
  private MarsEvaluation() {}

  public static RankingMetrics evaluate(List<PersonImage> testImages, FeatureMatrix imageFeatures,
      List<Tracklet> tracklets, int[] queryRows, Metric metric, boolean rerank) {
    Market1501Evaluation.check(testImages, imageFeatures, "test");
    FeatureMatrix trackFeatures = pool(imageFeatures, tracklets);
    Set<Integer> queries = new HashSet<>();
    for (int row : queryRows) {
      if (row < 0 || row >= tracklets.size()) {
        throw new org.deepmetric.DeepMetricException("query_IDX names track " + (row + 1) + " of " + tracklets.size());
      }
      queries.add(row);
    }
    List<Integer> galleryRows = new ArrayList<>();
    for (int i = 0; i < tracklets.size(); i++) {
      if (!queries.contains(i)) {
        galleryRows.add(i);
      }
    }
    int[] gallery = galleryRows.stream().mapToInt(Integer::intValue).toArray();
    return Retrieval.evaluate(trackFeatures.rows(queryRows), ids(tracklets, queryRows), cameras(tracklets, queryRows),
        trackFeatures.rows(gallery), ids(tracklets, gallery), cameras(tracklets, gallery), metric, rerank);
  }

  /** Mean feature of each tracklet, re-normalised to unit length. */
  public static FeatureMatrix pool(FeatureMatrix images, List<Tracklet> tracklets) {
    int dim = images.dim();
    float[] pooled = new float[tracklets.size() * dim];
    for (int t = 0; t < tracklets.size(); t++) {
      Tracklet track = tracklets.get(t);
      if (track.end() >= images.count()) {
        throw new org.deepmetric.DeepMetricException("tracklet " + (t + 1) + " ends at image " + (track.end() + 1)
            + " but there are " + images.count() + " test features");
      }
      double norm = 0;
      for (int k = 0; k < dim; k++) {
        double sum = 0;
        for (int i = track.start(); i <= track.end(); i++) {
          sum += images.get(i, k);
        }
        pooled[t * dim + k] = (float) (sum / track.length());
        norm += pooled[t * dim + k] * pooled[t * dim + k];
      }
      float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-24)));
      for (int k = 0; k < dim; k++) {
        pooled[t * dim + k] *= scale;
      }
    }
    return new FeatureMatrix(pooled, tracklets.size(), dim);
  }

  private static int[] ids(List<Tracklet> tracklets, int[] rows) {
    int[] ids = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ids[i] = tracklets.get(rows[i]).personId();
    }
    return ids;
  }

  private static int[] cameras(List<Tracklet> tracklets, int[] rows) {
    int[] cameras = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      cameras[i] = tracklets.get(rows[i]).camera();
    }
    return cameras;
  }
}
