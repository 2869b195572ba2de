package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.MatFiles;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Relevance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Market-1501 rules on cases small enough to rank by hand. */
class RetrievalTest {
  //                              index:  0   1  2   3  4  5
  private static final int[] IDS =      {1,  2, 1, -1, 0, 1};
  private static final int[] CAMERAS =  {1,  2, 2,  3, 2, 3};

  private static RankingMetrics one(Protocol protocol, int id, int camera, float... distances) {
    Retrieval retrieval = new Retrieval(IDS, CAMERAS, protocol);
    retrieval.add(id, camera, distances, 0);
    return retrieval.metrics();
  }

  private static RankingMetrics one(int id, int camera, float... distances) {
    return one(Protocol.KIT, id, camera, distances);
  }

  @Test
  void junkAndSameCameraItemsAreSkippedAndBothApsFollowTheirDefinitions() {
    // By distance: 3 (junk -1), 0 (same id, same camera: junk), 1 (other), 2 (good), 4 (distractor), 5 (good).
    RankingMetrics m = one(1, 1, 0.1f, 0.2f, 0.3f, 0.05f, 0.4f, 0.5f);
    // Without junk the good items stand at ranks 2 and 4 (1-based).
    assertEquals(0.0, m.rank(1));
    assertEquals(1.0, m.rank(2));
    // Official kit: 1/2 * (0 + 1/2)/2 + 1/2 * (1/3 + 2/4)/2
    assertEquals(0.125 + 0.5 * (1.0 / 3 + 0.5) / 2, m.map(), 1e-12);
    // torchreid: mean of 1/2 and 2/4
    assertEquals(0.5, one(Protocol.TORCHREID, 1, 1, 0.1f, 0.2f, 0.3f, 0.05f, 0.4f, 0.5f).map(), 1e-12);
    // mINP: 2 matches, the last at rank 4
    assertEquals(0.5, m.mInp(), 1e-12);
  }

  @Test
  void aPerfectRankingScoresOneEverywhere() {
    RankingMetrics m = one(1, 1, 0.9f, 0.8f, 0.1f, 0.9f, 0.9f, 0.2f);
    assertEquals(1.0, m.rank(1));
    assertEquals(1.0, m.map(), 1e-12);
    assertEquals(1.0, one(Protocol.TORCHREID, 1, 1, 0.9f, 0.8f, 0.1f, 0.9f, 0.9f, 0.2f).map(), 1e-12);
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
    Retrieval retrieval = new Retrieval(IDS, CAMERAS, Protocol.TORCHREID);
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
    RankingMetrics viaBlocks = Retrieval.evaluate(new RankingTask(Protocol.KIT, "", people(new int[] {1}, new int[] {1}),
        query, people(IDS, CAMERAS), gallery), Metric.COSINE, false);
    float[] direct = new float[gallery.count()];
    for (int g = 0; g < gallery.count(); g++) {
      direct[g] = Metric.COSINE.between(query, 0, gallery, g);
    }
    RankingMetrics byHand = one(1, 1, direct);
    assertEquals(byHand.map(), viaBlocks.map(), 1e-9);
    assertEquals(byHand.rank(1), viaBlocks.rank(1));
  }

  /**
   * The Market-1501 kit ships each query's good and junk lists as gt_query/NAME_good.mat and
   * NAME_junk.mat (1-based gallery indices). Here are the lists as the kit defines them for a
   * small gallery, written by hand in the kit's format; the evaluator's rule must agree item by item.
   */
  @Test
  void theRuleAgreesWithTheKitsGtQueryLists(@TempDir Path dir) {
    //                      gallery index (1-based):  1  2   3  4  5  6  7   8
    int[] ids = {5, 5, -1, 5, 0, 7, 5, -1};
    int[] cameras = {1, 2, 2, 3, 1, 1, 1, 1};
    // Query 0005_c1s1_...: good = person 5 in cameras 2 and 3; junk = the -1 crops and person 5 in camera 1.
    MatFiles.writeColumn(dir.resolve("q_good.mat"), "good_index", new int[] {2, 4});
    MatFiles.writeColumn(dir.resolve("q_junk.mat"), "junk_index", new int[] {1, 3, 7, 8});
    Set<Integer> good = column(dir.resolve("q_good.mat"), "good_index");
    Set<Integer> junk = column(dir.resolve("q_junk.mat"), "junk_index");
    for (int i = 0; i < ids.length; i++) {
      Relevance relevance = Relevance.of(5, 1, ids[i], cameras[i]);
      assertEquals(good.contains(i + 1), relevance == Relevance.GOOD, "item " + (i + 1));
      assertEquals(junk.contains(i + 1), relevance == Relevance.JUNK, "item " + (i + 1));
    }
    // And the ranking skips exactly the kit's junk: distances put every junk item first.
    float[] distances = {0.1f, 0.5f, 0.1f, 0.9f, 0.3f, 0.7f, 0.1f, 0.1f};
    Retrieval retrieval = new Retrieval(ids, cameras, Protocol.KIT);
    assertArrayEquals(new int[] {4, 1, 5, 3}, retrieval.ranked(5, 1, distances, 0, 8));
  }

  private static Set<Integer> column(Path file, String name) {
    Set<Integer> values = new HashSet<>();
    for (int[] row : MatFiles.readIntMatrix(file, name)) {
      values.add(row[0]);
    }
    return values;
  }

  static List<PersonImage> people(int[] ids, int[] cameras) {
    List<PersonImage> people = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      people.add(new PersonImage(Path.of(i + ".jpg"), ids[i], cameras[i], 1, i));
    }
    return people;
  }

  @Test
  void cmcValidationFindsIdenticalFeaturesAtRankOne() {
    List<PersonImage> images = new ArrayList<>();
    float[] values = new float[12 * 2];
    for (int i = 0; i < 12; i++) {
      int person = i / 3;
      images.add(new PersonImage(Path.of(i + ".jpg"), person + 1, i % 3 + 1, 1, i));
      values[2 * i] = (float) Math.cos(person);
      values[2 * i + 1] = (float) Math.sin(person);
    }
    double[] precision = CmcValidation.precisionAtK(images, new FeatureMatrix(values, 12, 2), Metric.COSINE, 10);
    assertEquals(1.0, precision[0], 1e-12);
    assertEquals(1.0, precision[3], 1e-12);
  }
}
