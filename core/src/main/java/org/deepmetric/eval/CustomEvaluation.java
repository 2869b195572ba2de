package org.deepmetric.eval;

import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;

/**
 * The test protocol for a custom dataset: every query image against every gallery image. Where
 * cameras are known, the query's identity seen by the query's camera is junk, as in Market-1501;
 * where they are not, every gallery image of the query's identity is a true match.
 */
public final class CustomEvaluation {
  private CustomEvaluation() {}

  public static RankingTask task(List<PersonImage> query, FeatureMatrix queryFeatures, List<PersonImage> gallery,
      FeatureMatrix galleryFeatures, Protocol protocol, boolean camerasKnown) {
    String rule = "gallery: the gallery split; " + (camerasKnown ? "same identity and camera is junk"
        : "cameras unknown, every image of the identity is a match");
    return new RankingTask(protocol, rule, query, queryFeatures, gallery, galleryFeatures);
  }
}
