package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multi-camera IDF1 worked by hand. Camera A sees person 1 for 4 frames; camera B sees person
 * 1 (after walking over) and person 2, 4 frames each. The tracker keeps id 10 on person 1 in A,
 * but in B gives person 1 a new id, 20 (a missed link), and gives person 2 the id 10 (a
 * cross-camera switch). Each camera alone is perfect (IDF1 1). Over both: true identities 1 (8
 * boxes) and 2 (4), tracker identities 10 (8) and 20 (4); the pairs overlap in (1, 10) 4 frames,
 * (1, 20) 4, (2, 10) 4. The best one-to-one matching takes (1, 20) and (2, 10): IDTP 8, so IDFP =
 * 12 - 8 = 4, IDFN = 12 - 8 = 4, IDF1 = 2 x 8 / (12 + 12) = 2/3, IDP = IDR = 8/12.
 */
class MultiCameraScoreTest {
  private static List<double[]> rows(int id, double x) {
    List<double[]> rows = new ArrayList<>();
    for (int frame = 1; frame <= 4; frame++) {
      rows.add(new double[] {frame, id, x, 50, 40, 100, 1, 1, 1});
    }
    return rows;
  }

  private static List<double[]> join(List<double[]> a, List<double[]> b) {
    List<double[]> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void oneMissedLinkAndOneCrossCameraSwitch() {
    List<double[]> truthA = rows(1, 100);
    List<double[]> truthB = join(rows(1, 100), rows(2, 300));
    List<double[]> resultA = rows(10, 100);
    List<double[]> resultB = join(rows(20, 100), rows(10, 300));
    assertEquals(1.0, MotEvaluation.evaluate(truthA, resultA).idf1(), 1e-12);
    assertEquals(1.0, MotEvaluation.evaluate(truthB, resultB).idf1(), 1e-12);
    MotMetrics both = MultiCameraScore.evaluate(List.of(truthA, truthB), List.of(resultA, resultB));
    assertEquals(2.0 / 3, both.idf1(), 1e-12);
    assertEquals(8.0 / 12, both.idp(), 1e-12);
    assertEquals(8.0 / 12, both.idr(), 1e-12);
    // Linked right (person 1 keeps 10, person 2 gets 20 in B): every frame counts.
    MotMetrics linked = MultiCameraScore.evaluate(List.of(truthA, truthB),
        List.of(resultA, join(rows(10, 100), rows(20, 300))));
    assertEquals(1.0, linked.idf1(), 1e-12);
    // Cameras whose frame numbers coincide are still different frames: no box of A meets one of B.
    assertEquals(12, linked.groundTruth());
  }
}
