package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CLEAR MOT and IDF1 on tiny sequences worked out by hand. */
class MotEvaluationTest {
  private static double[] box(int frame, int id, double x, double y) {
    return new double[] {frame, id, x, y, 40, 100, 1, 1, 1};
  }

  @Test
  void aSwitchAMissAFalseAlarmAndAFragmentation() {
    List<double[]> gt = new ArrayList<>();
    List<double[]> result = new ArrayList<>();
    for (int f = 1; f <= 4; f++) {
      gt.add(box(f, 1, 100 + 10 * f, 50));
      gt.add(box(f, 2, 400, 50));
      // Object 1 is followed by tracker id 10 in frames 1-2, then by 11: one identity switch.
      result.add(box(f, f <= 2 ? 10 : 11, 101 + 10 * f, 51));
      // Object 2 is followed by 20, except in frame 3: a miss, and a fragmentation.
      if (f != 3) {
        result.add(box(f, 20, 402, 50));
      }
    }
    result.add(box(2, 30, 600, 300)); // a false alarm
    MotMetrics m = MotEvaluation.evaluate(gt, result);
    assertEquals(8, m.groundTruth());
    assertEquals(6, m.matches());
    assertEquals(1, m.switches());
    assertEquals(1, m.misses());
    assertEquals(1, m.falsePositives());
    assertEquals(1, m.fragmentations());
    // MOTA = 1 - (1 + 1 + 1) / 8
    assertEquals(0.625, m.mota(), 1e-12);
    // IDF1: 1 <-> 10 (or 11) shares 2 frames, 2 <-> 20 shares 3: IDTP 5; 8 gt and 8 tracker boxes.
    assertEquals(5, m.idTruePositives());
    assertEquals(3, m.idFalsePositives());
    assertEquals(3, m.idFalseNegatives());
    assertEquals(2.0 * 5 / (2 * 5 + 3 + 3), m.idf1(), 1e-12);
    assertEquals(1, m.mostlyTracked(), "object 1 tracked in 4 of 4 frames");
    assertEquals(1, m.partlyTracked(), "object 2 in 3 of 4");
  }

  @Test
  void aMatchCarriesOnFromThePreviousFrameEvenWhenAnotherIsCloser() {
    // Frame 1: object 1 matches tracker 10. Frame 2: tracker 11 sits exactly on the object, 10 is
    // a little off but still IoU >= 0.5: the previous pair is kept, and 11 is a false alarm.
    List<double[]> gt = List.of(box(1, 1, 100, 50), box(2, 1, 100, 50));
    List<double[]> result = List.of(box(1, 10, 100, 50), box(2, 10, 108, 50), box(2, 11, 100, 50));
    MotMetrics m = MotEvaluation.evaluate(gt, result);
    assertEquals(0, m.switches());
    assertEquals(2, m.matches());
    assertEquals(1, m.falsePositives());
  }

  @Test
  void ignoredGroundTruthAndBoxesOnStaticPeopleDoNotCount() {
    List<double[]> gt = new ArrayList<>();
    gt.add(box(1, 1, 100, 50));
    gt.add(new double[] {1, 2, 300, 50, 40, 100, 0, 7, 1}); // a static person, marked 0
    gt.add(new double[] {1, 3, 500, 50, 40, 100, 1, 4, 1}); // a bicycle
    List<double[]> result = List.of(box(1, 10, 100, 50), box(1, 11, 300, 50), box(1, 12, 800, 50));
    MotMetrics m = MotEvaluation.evaluate(gt, result);
    assertEquals(1, m.groundTruth(), "only the pedestrian counts");
    assertEquals(1, m.matches());
    assertEquals(1, m.falsePositives(), "the box on the static person is taken out; the far one is a false alarm");
    assertEquals(0, m.misses());
  }
}
