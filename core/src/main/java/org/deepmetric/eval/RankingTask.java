package org.deepmetric.eval;

import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;

/**
 * What a test protocol hands to {@link Retrieval}: the queries and the gallery, one item per
 * row of their feature matrices (an image, or for MARS the first frame of a tracklet standing
 * for it, carrying the tracklet's person and camera), the protocol that scores them and a few
 * words on how the gallery was chosen. The ranked-result pictures draw the same items.
 */
public record RankingTask(Protocol protocol, String galleryRule, List<PersonImage> queries, FeatureMatrix queryFeatures,
    List<PersonImage> gallery, FeatureMatrix galleryFeatures) {
  public RankingTask {
    check(queries, queryFeatures, "query");
    check(gallery, galleryFeatures, "gallery");
    if (queryFeatures.dim() != galleryFeatures.dim()) {
      throw new DeepMetricException(String.format("query features have %d values and gallery features %d",
          queryFeatures.dim(), galleryFeatures.dim()));
    }
  }

  static void check(List<PersonImage> items, FeatureMatrix features, String what) {
    if (items.size() != features.count()) {
      throw new DeepMetricException(String.format(
          "%d %s features for %d %s items: features and dataset do not match", features.count(), what,
          items.size(), what));
    }
  }
}
