package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Market-1501 rules on cases small enough to rank by hand. */
class RetrievalTest {
  //                              index:  0   1  2   3  4  5
  private static final int[] IDS =      {1,  2, 1, -1, 0, 1};
  private static final int[] CAMERAS =  {1,  2, 2,  3, 2, 3};

  private static RankingMetrics one(int id, int camera, float... distances) {
    Retrieval retrieval = new Retrieval(IDS, CAMERAS);
    retrieval.add(id, camera, distances, 0);
    return retrieval.metrics();
  }

  @Test
  void junkAndSameCameraItemsAreSkippedAndBothApsFollowTheirDefinitions() {
    // By distance: 3 (junk -1), 0 (same id, same camera: junk), 1 (other), 2 (good), 4 (distractor), 5 (good).
    RankingMetrics m = one(1, 1, 0.1f, 0.2f, 0.3f, 0.05f, 0.4f, 0.5f);
    // Without junk the good items stand at ranks 2 and 4 (1-based).
    assertEquals(0.0, m.rank(1));
    assertEquals(1.0, m.rank(2));
    // Official kit: 1/2 * (0 + 1/2)/2 + 1/2 * (1/3 + 2/4)/2
    assertEquals(0.125 + 0.5 * (1.0 / 3 + 0.5) / 2, m.mapOfficial(), 1e-12);
    // torchreid: mean of 1/2 and 2/4
    assertEquals(0.5, m.mapTorchreid(), 1e-12);
    // mINP: 2 matches, the last at rank 4
    assertEquals(0.5, m.mInp(), 1e-12);
  }

  @Test
  void aPerfectRankingScoresOneEverywhere() {
    RankingMetrics m = one(1, 1, 0.9f, 0.8f, 0.1f, 0.9f, 0.9f, 0.2f);
    assertEquals(1.0, m.rank(1));
    assertEquals(1.0, m.mapOfficial(), 1e-12);
    assertEquals(1.0, m.mapTorchreid(), 1e-12);
    assertEquals(1.0, m.mInp(), 1e-12);
  }

  @Test
  void tiesAreBrokenByGalleryOrder() {
    // Items 1, 2 and 4 tie; 1 comes first in the gallery, so good item 2 ranks second.
    RankingMetrics m = one(1, 1, 0.9f, 0.5f, 0.5f, 0.9f, 0.5f, 0.7f);
    assertEquals(0.0, m.rank(1));
    assertEquals(1.0, m.rank(2));
  }

  @Test
  void aQueryWithoutAMatchIsSkippedAndCounted() {
    Retrieval retrieval = new Retrieval(IDS, CAMERAS);
    retrieval.add(2, 2, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 0);
    retrieval.add(7, 1, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 0);
    retrieval.add(1, 1, new float[] {0.9f, 0.8f, 0.1f, 0.9f, 0.9f, 0.2f}, 0);
    RankingMetrics m = retrieval.metrics();
    assertEquals(1, m.queries());
    assertEquals(2, m.queriesWithoutMatch());
    assertEquals(1.0, m.rank(1));
  }

  @Test
  void blockwiseEvaluationMatchesDistancesComputedDirectly() {
    FeatureMatrix gallery = ReRankingTest.matrix(List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.7f, 0.7f},
        new float[] {-1, 0}, new float[] {0.6f, -0.8f}, new float[] {0.8f, 0.6f}));
    FeatureMatrix query = ReRankingTest.matrix(List.of(new float[] {0.96f, 0.28f}));
    RankingMetrics viaBlocks = Retrieval.evaluate(query, new int[] {1}, new int[] {1}, gallery, IDS, CAMERAS,
        Metric.COSINE, false);
    float[] direct = new float[gallery.count()];
    for (int g = 0; g < gallery.count(); g++) {
      direct[g] = query.cosineDistance(0, gallery, g);
    }
    RankingMetrics byHand = one(1, 1, direct);
    assertEquals(byHand.mapOfficial(), viaBlocks.mapOfficial(), 1e-9);
    assertEquals(byHand.rank(1), viaBlocks.rank(1));
  }

  @Test
  void cmcValidationFindsIdenticalFeaturesAtRankOne() {
    List<org.deepmetric.data.reid.PersonImage> images = new java.util.ArrayList<>();
    float[] values = new float[12 * 2];
    for (int i = 0; i < 12; i++) {
      int person = i / 3;
      images.add(new org.deepmetric.data.reid.PersonImage(java.nio.file.Path.of(i + ".jpg"), person + 1, i % 3 + 1, 1, i));
      values[2 * i] = (float) Math.cos(person);
      values[2 * i + 1] = (float) Math.sin(person);
    }
    double[] precision = CmcValidation.precisionAtK(images, new FeatureMatrix(values, 12, 2), Metric.COSINE, 10);
    assertEquals(1.0, precision[0], 1e-12);
    assertEquals(1.0, precision[3], 1e-12);
  }
}
