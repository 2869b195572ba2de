package org.deepmetric.eval;

import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;

/**
 * The Market-1501 test protocol: every {@code query/} crop against every crop of
 * {@code bounding_box_test/}, distractors (0000) and junk (-1) included, features in the
 * folders' sorted name order as export writes them. The gallery is the same under both
 * protocols: torchreid drops the -1 crops when it loads them, the kit skips them as junk, and
 * neither counts them.
 */
public final class Market1501Evaluation {
  public static final String GALLERY_RULE = "gallery: every bounding_box_test crop under both protocols";

  private Market1501Evaluation() {}

  public static RankingTask task(List<PersonImage> query, FeatureMatrix queryFeatures, List<PersonImage> gallery,
      FeatureMatrix galleryFeatures, Protocol protocol) {
    return new RankingTask(protocol, GALLERY_RULE, query, queryFeatures, gallery, galleryFeatures);
  }
}
