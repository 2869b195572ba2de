package org.deepmetric.eval;

import java.util.List;
import org.deepmetric.data.reid.PersonImage;

/**
 * The Market-1501 test protocol: every {@code query/} crop against all of
 * {@code bounding_box_test/} (distractors 0000 and junk -1 included), with the rules of
 * {@link Retrieval}. Features are in the folders' sorted name order, as export writes them.
 */
public final class Market1501Evaluation {
  private Market1501Evaluation() {}

  public static RankingMetrics evaluate(List<PersonImage> query, FeatureMatrix queryFeatures, List<PersonImage> gallery,
      FeatureMatrix galleryFeatures, Metric metric, boolean rerank) {
    check(query, queryFeatures, "query");
    check(gallery, galleryFeatures, "gallery");
    return Retrieval.evaluate(queryFeatures, ids(query), cameras(query), galleryFeatures, ids(gallery),
        cameras(gallery), metric, rerank);
  }

  static void check(List<PersonImage> images, FeatureMatrix features, String what) {
    if (images.size() != features.count()) {
      throw new org.deepmetric.DeepMetricException(String.format(
          "%d %s features for %d %s images: features and dataset do not match", features.count(), what,
          images.size(), what));
    }
  }

  static int[] ids(List<PersonImage> images) {
    return images.stream().mapToInt(PersonImage::personId).toArray();
  }

  static int[] cameras(List<PersonImage> images) {
    return images.stream().mapToInt(PersonImage::camera).toArray();
  }
}
