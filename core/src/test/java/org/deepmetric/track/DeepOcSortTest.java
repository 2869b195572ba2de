package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Deep OC-SORT's appearance rules worked by hand, and appearance deciding a match. */
class DeepOcSortTest {
  private static final OcSort.Appearance APPEARANCE = OcSort.Appearance.DEFAULTS;

  @Test
  void theFeatureAverageTrustsConfidentDetectionsMore() {
    // det_thresh 0.6, alpha_fixed 0.95: a score of 1 is full trust, the past keeps 0.95; a score
    // of 0.8 is half trust, 0.95 + 0.05 x 0.5 = 0.975; a score at the threshold keeps it all.
    assertEquals(0.95, DeepOcSortAppearance.emaAlpha(1.0, 0.6, 0.95), 1e-12);
    assertEquals(0.975, DeepOcSortAppearance.emaAlpha(0.8, 0.6, 0.95), 1e-12);
    assertEquals(1.0, DeepOcSortAppearance.emaAlpha(0.6, 0.6, 0.95), 1e-12);
    // The average of (1, 0) and (0, 1) at alpha 0.975: (0.975, 0.025) over its norm.
    float[] next = FeatureEma.update(new float[] {1, 0}, new float[] {0, 1}, 0.975);
    double norm = Math.sqrt(0.975 * 0.975 + 0.025 * 0.025);
    assertArrayEquals(new float[] {(float) (0.975 / norm), (float) (0.025 / norm)}, next, 1e-7f);
  }

  @Test
  void adaptiveWeightingAddsHalfTheGapsOfTheRowAndTheColumn() {
    // Two detections (rows) by two tracks. Row gaps: 0.9 - 0.2 = 0.7, capped at 0.5 -> +0.25;
    // 0.6 - 0.5 = 0.1 -> +0.05. Column gaps: 0.9 - 0.5 = 0.4 -> +0.2; 0.6 - 0.2 = 0.4 -> +0.2.
    double[][] similarity = {{0.9, 0.2}, {0.5, 0.6}};
    double[][] w = DeepOcSortAppearance.weighted(similarity, APPEARANCE);
    assertEquals(0.9 * (0.75 + 0.25 + 0.2), w[0][0], 1e-12);
    assertEquals(0.2 * (0.75 + 0.25 + 0.2), w[0][1], 1e-12);
    assertEquals(0.5 * (0.75 + 0.05 + 0.2), w[1][0], 1e-12);
    assertEquals(0.6 * (0.75 + 0.05 + 0.2), w[1][1], 1e-12);
    // One track: no column to compare a row with, so rows get no bonus; the column's gap (0.6,
    // capped at 0.5) adds 0.25.
    double[][] one = DeepOcSortAppearance.weighted(new double[][] {{0.9}, {0.3}}, APPEARANCE);
    assertEquals(0.9 * (0.75 + 0.25), one[0][0], 1e-12);
    // --aw_off: the plain weight.
    double[][] off = DeepOcSortAppearance.weighted(similarity, new OcSort.Appearance(0.75, 0.95, 0.5, true));
    assertEquals(0.9 * 0.75, off[0][0], 1e-12);
  }

  @Test
  void appearanceKeepsTheIdentityWhereIouAloneWouldTakeTheOtherBox() {
    float[] alice = {1, 0, 0};
    float[] bob = {0, 1, 0};
    for (boolean deep : new boolean[] {true, false}) {
      OcSort.Settings d = OcSort.Settings.DEFAULTS;
      OcSort tracker = new OcSort(new OcSort.Settings(d.detThresh(), d.maxAge(), d.minHits(), d.iouThreshold(),
          d.deltaT(), d.inertia(), false, d.minBoxArea(), deep ? APPEARANCE : null, deep));
      for (int frame = 0; frame < 5; frame++) {
        tracker.update(List.of(new Detection(new Box(100, 50, 40, 100), 0.9, alice)));
      }
      // Two boxes on Alice's spot: Bob's overlaps it a little more (IoU 0.82 against 0.74).
      List<TrackedBox> out = tracker.update(List.of(new Detection(new Box(106, 50, 40, 100), 0.9, alice),
          new Detection(new Box(96, 50, 40, 100), 0.9, bob)));
      double x = out.stream().filter(t -> t.id() == 1).findFirst().orElseThrow().box().x();
      assertEquals(deep ? 106 : 96, x, 1e-9, deep ? "Deep OC-SORT" : "OC-SORT");
    }
  }
}
