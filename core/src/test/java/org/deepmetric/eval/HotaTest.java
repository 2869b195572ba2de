package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HOTA on cases small enough to work out by hand. */
class HotaTest {
  private static Hota.Frame frame(int[] gt, int[] tracker, double[][] iou) {
    return new Hota.Frame(gt, tracker, iou);
  }

  private static Hota.Frame same(int gt, int tracker) {
    return frame(new int[] {gt}, new int[] {tracker}, new double[][] {{1}});
  }

  @Test
  void perfectTracksScoreOne() {
    List<Hota.Frame> frames = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      frames.add(frame(new int[] {1, 2}, new int[] {10, 20}, new double[][] {{1, 0}, {0, 1}}));
    }
    Hota.Scores s = Hota.of(frames);
    assertEquals(1, s.hota(), 1e-12);
    assertEquals(1, s.detA(), 1e-12);
    assertEquals(1, s.assA(), 1e-12);
    assertEquals(1, s.locA(), 1e-12);
  }

  @Test
  void oneSwitchHalvesAssociationOnly() {
    // gt 1 over four frames: tracker 10 on the first two, 20 on the last two. DetA 1; each id pair
    // matches 2 frames of the gt's 4 and the tracker's 2: A = 2 / (4 + 2 - 2) = 0.5; HOTA = sqrt(0.5).
    Hota.Scores s = Hota.of(List.of(same(1, 10), same(1, 10), same(1, 20), same(1, 20)));
    assertEquals(1, s.detA(), 1e-12);
    assertEquals(0.5, s.assA(), 1e-12);
    assertEquals(0.5, s.assRe(), 1e-12);
    assertEquals(1, s.assPr(), 1e-12);
    assertEquals(Math.sqrt(0.5), s.hota(), 1e-12);
  }

  @Test
  void oneMissedBox() {
    // gt 1 in two frames, tracker 10 in the first only: TP 1, FN 1: DetA 0.5, DetRe 0.5, DetPr 1;
    // A(1, 10) = 1 / (2 + 1 - 1) = 0.5; HOTA = sqrt(0.5 x 0.5) = 0.5.
    Hota.Scores s = Hota.of(List.of(same(1, 10), frame(new int[] {1}, new int[0], new double[1][0])));
    assertEquals(0.5, s.detA(), 1e-12);
    assertEquals(0.5, s.detRe(), 1e-12);
    assertEquals(1, s.detPr(), 1e-12);
    assertEquals(0.5, s.assA(), 1e-12);
    assertEquals(0.5, s.hota(), 1e-12);
  }

  @Test
  void oneFalseBox() {
    // tracker 10 in two frames, gt 1 in the first only: TP 1, FP 1; A = 1 / (1 + 2 - 1) = 0.5.
    Hota.Scores s = Hota.of(List.of(same(1, 10), frame(new int[0], new int[] {10}, new double[0][1])));
    assertEquals(0.5, s.detA(), 1e-12);
    assertEquals(1, s.detRe(), 1e-12);
    assertEquals(0.5, s.detPr(), 1e-12);
    assertEquals(0.5, s.hota(), 1e-12);
  }

  @Test
  void aLooseBoxCountsOnlyAtThresholdsUpToItsIou() {
    // IoU 0.5 matches at alpha 0.05 ... 0.50 (10 of 19): HOTA 10/19. LocA is 0.5 there and, as in
    // TrackEval, 1 where nothing matched: (10 x 0.5 + 9) / 19.
    Hota.Scores s = Hota.of(List.of(frame(new int[] {1}, new int[] {10}, new double[][] {{0.5}})));
    assertEquals(10.0 / 19, s.hota(), 1e-12);
    assertEquals(14.0 / 19, s.locA(), 1e-12);
  }

  @Test
  void sequencesCombineByTruePositives() {
    Hota.Scores perfect = Hota.of(List.of(same(1, 10), same(1, 10)));
    Hota.Scores switched = Hota.of(List.of(same(1, 10), same(1, 10), same(1, 20), same(1, 20)));
    Hota.Scores both = perfect.plus(switched);
    // AssA weighted by TP: (1 x 2 + 0.5 x 4) / 6 = 2/3; DetA 1.
    assertEquals(2.0 / 3, both.assA(), 1e-12);
    assertEquals(Math.sqrt(2.0 / 3), both.hota(), 1e-12);
  }
}
