package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Tracklet;
import org.deepmetric.eval.MarsEvaluation.Pooling;
import org.junit.jupiter.api.Test;

/**
 * The MARS protocol on six tracklets small enough to rank by hand. Query t1's only true match is
 * t0, itself a query: the kit counts it (the gallery is every tracklet), torchreid cannot.
 */
class MarsEvaluationTest {
  //                                     t0 (2 frames)        t1         t2          t3      t4            t5
  private static final float[][] FRAMES = {{1, 0.2f}, {1, -0.2f}, {0.6f, 0.8f}, {0.8f, 0.6f}, {0, 1}, {0.96f, 0.28f}, {1, 0}};
  private static final List<Tracklet> TRACKLETS = List.of(
      new Tracklet(0, 1, 1, 1),   // t0: person 1, camera 1, query
      new Tracklet(2, 2, 1, 2),   // t1: person 1, camera 2, query
      new Tracklet(3, 3, 2, 1),   // t2: person 2, camera 1
      new Tracklet(4, 4, 2, 3),   // t3: person 2, camera 3, query
      new Tracklet(5, 5, 3, 2),   // t4: person 3, camera 2
      new Tracklet(6, 6, -1, 1)); // t5: junk
  private static final int[] QUERIES = {0, 1, 3};

  private static FeatureMatrix frames() {
    float[] values = new float[FRAMES.length * 2];
    for (int i = 0; i < FRAMES.length; i++) {
      values[2 * i] = FRAMES[i][0];
      values[2 * i + 1] = FRAMES[i][1];
    }
    return new FeatureMatrix(values, FRAMES.length, 2);
  }

  private static List<PersonImage> images() {
    List<PersonImage> images = new ArrayList<>();
    for (Tracklet t : TRACKLETS) {
      for (int i = t.start(); i <= t.end(); i++) {
        images.add(new PersonImage(Path.of("f" + i + ".jpg"), t.personId(), t.camera(), 1, i));
      }
    }
    return images;
  }

  private static RankingMetrics score(Protocol protocol) {
    RankingTask task = MarsEvaluation.task(images(), frames(), TRACKLETS, QUERIES, protocol, Pooling.MEAN);
    return Retrieval.evaluate(task, Metric.COSINE, false);
  }

  @Test
  void poolingIsTheMeanOrTheMaxOfTheFramesThenUnitLength() {
    List<Tracklet> two = List.of(new Tracklet(0, 1, 1, 1));
    FeatureMatrix frames = new FeatureMatrix(new float[] {-1, 0.5f, -0.5f, -1}, 2, 2);
    // mean (-0.75, -0.25) / sqrt(0.625); max (-0.5, 0.5) / sqrt(0.5)
    double meanNorm = Math.sqrt(0.625);
    assertArrayEquals(new float[] {(float) (-0.75 / meanNorm), (float) (-0.25 / meanNorm)},
        MarsEvaluation.pool(frames, two, Pooling.MEAN).values(), 1e-6f);
    assertArrayEquals(new float[] {(float) (-0.5 / Math.sqrt(0.5)), (float) (0.5 / Math.sqrt(0.5))},
        MarsEvaluation.pool(frames, two, Pooling.MAX).values(), 1e-6f);
  }

  @Test
  void theKitsGalleryIsEveryTrackletAndEveryQueryCounts() {
    RankingTask task = MarsEvaluation.task(images(), frames(), TRACKLETS, QUERIES, Protocol.KIT, Pooling.MEAN);
    assertEquals(6, task.gallery().size());
    assertEquals(List.of(1, 1, 2), task.queries().stream().map(PersonImage::personId).toList());
    RankingMetrics m = score(Protocol.KIT);
    // Cosine distances, junk (own tracklet, t5) left out:
    //   t0 (1,0):      t4 0.04, t2 0.2, t1 0.4 (good, rank 3), t3 1.0 -> AP (0 + 1/3)/2 = 1/6
    //   t1 (0.6,0.8):  t2 0.04, t3 0.2, t4 0.2, t0 0.4 (good, rank 4)  -> AP (0 + 1/4)/2 = 1/8
    //   t3 (0,1):      t1 0.2, t2 0.4 (good, rank 2), t4 0.72, t0 1.0  -> AP (0 + 1/2)/2 = 1/4
    assertEquals(3, m.queries());
    assertEquals(0, m.queriesWithoutMatch());
    assertEquals(0.0, m.rank(1), 1e-12);
    assertEquals(1.0 / 3, m.rank(2), 1e-12);
    assertEquals(2.0 / 3, m.rank(3), 1e-12);
    assertEquals(1.0, m.rank(4), 1e-12);
    assertEquals((1.0 / 6 + 1.0 / 8 + 1.0 / 4) / 3, m.map(), 1e-6);
  }

  @Test
  void torchreidsGalleryLeavesOutQueriesAndJunkAndSkipsUnmatchedQueries() {
    RankingTask task = MarsEvaluation.task(images(), frames(), TRACKLETS, QUERIES, Protocol.TORCHREID, Pooling.MEAN);
    assertEquals(List.of(2, 3), task.gallery().stream().map(PersonImage::personId).toList(), "t2 and t4 only");
    RankingMetrics m = score(Protocol.TORCHREID);
    // t0's and t1's only true matches are queries, so neither has one; t3 finds t2 (0.4) before t4 (0.72).
    assertEquals(1, m.queries());
    assertEquals(2, m.queriesWithoutMatch());
    assertEquals(1.0, m.rank(1), 1e-12);
    assertEquals(1.0, m.map(), 1e-12);
  }

  @Test
  void aQueryWithoutAnyTrueMatchScoresZeroUnderTheKit() {
    // Only t0 as a query, with t1 relabelled to someone else: no true match anywhere.
    List<Tracklet> tracklets = new ArrayList<>(TRACKLETS);
    tracklets.set(1, new Tracklet(2, 2, 9, 2));
    List<PersonImage> images = new ArrayList<>(images());
    images.set(2, new PersonImage(Path.of("f2.jpg"), 9, 2, 1, 2));
    RankingTask task = MarsEvaluation.task(images, frames(), tracklets, new int[] {0, 3}, Protocol.KIT, Pooling.MEAN);
    RankingMetrics m = Retrieval.evaluate(task, Metric.COSINE, false);
    assertEquals(2, m.queries());
    assertEquals(1, m.queriesWithoutMatch());
    assertEquals(0.25 / 2, m.map(), 1e-6);
  }
}
