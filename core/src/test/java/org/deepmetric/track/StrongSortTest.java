package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StrongSORT's switches on deep_sort, on cases worked out by hand. */
class StrongSortTest {
  final KalmanFilter filter = new KalmanFilter();

  @Test
  void nsaTrustsAConfidentDetectionCompletely() {
    KalmanFilter.State start = filter.predict(filter.initiate(new double[] {100, 200, 0.5, 80}));
    double[] measured = {110, 205, 0.45, 90};
    // Confidence 1: noise scale 1 - 1 = 0, no measurement noise, so the corrected box is the detection.
    KalmanFilter.State sure = filter.update(start, measured, 0);
    for (int i = 0; i < 4; i++) {
      assertEquals(measured[i], sure.mean()[i], 1e-6, "component " + i);
    }
    // Scale 1 (confidence 0, or NSA off) is deep_sort's own update.
    assertArrayEquals(filter.update(start, measured).mean(), filter.update(start, measured, 1).mean(), 0);
    // In between, the correction lies between the prediction and the detection.
    double half = filter.update(start, measured, 0.5).mean()[0];
    double plain = filter.update(start, measured).mean()[0];
    assertEquals(true, half > plain && half < 110, half + " between " + plain + " and 110");
  }

  @Test
  void emaKeepsOneMovingAverageFeature() {
    Track track = new Track(filter.initiate(new Box(0, 0, 10, 20).toXyah()), 1, 3, 30, new float[] {1, 0});
    track.predict(filter);
    track.update(filter, new Detection(new Box(0, 0, 10, 20), 0.9, new float[] {0, 2}), Tracker.Variant.STRONG_SORT);
    List<float[]> features = track.takeFeatures(true);
    assertEquals(1, features.size(), "a gallery of one");
    // 0.9 x (1, 0) + 0.1 x (0, 1), normalised.
    double norm = Math.sqrt(0.81 + 0.01);
    assertArrayEquals(new float[] {(float) (0.9 / norm), (float) (0.1 / norm)}, features.get(0), 1e-6f);
    assertEquals(1, track.takeFeatures(true).size(), "kept for the next frame");
  }

  @Test
  void motionCostIsBlendedIntoTheAppearanceCostAfterTheGate() {
    List<Track> tracks = new ArrayList<>(List.of(new Track(filter.initiate(new Box(100, 100, 40, 80).toXyah()), 1, 3,
        30, new float[] {1, 0})));
    List<Detection> detections = List.of(new Detection(new Box(104, 102, 40, 80), 0.9, new float[] {1, 0}),
        new Detection(new Box(400, 400, 40, 80), 0.9, new float[] {1, 0}));
    double[] gating = filter.gatingDistance(tracks.get(0).estimate(),
        new double[][] {detections.get(0).box().toXyah(), detections.get(1).box().toXyah()});
    double[][] distances = LinearAssignment.gatingDistances(filter, tracks, detections, List.of(0), List.of(0, 1));
    assertArrayEquals(gating, distances[0], 0);
    assertArrayEquals(new boolean[] {true, false}, LinearAssignment.insideGate(distances)[0]);
    double[][] cost = LinearAssignment.gate(new double[][] {{0.1, 0.1}}, distances, 0.98);
    assertEquals(0.98 * 0.1 + 0.02 * gating[0], cost[0][0], 1e-12);
    assertEquals(0.98 * LinearAssignment.INFINITE_COST + 0.02 * gating[1], cost[0][1], 1e-6, "gated, then blended");
  }

  @Test
  void cameraUpdateMovesTheBoxCornersByTheWarp() {
    Track track = new Track(filter.initiate(new Box(100, 100, 40, 80).toXyah()), 1, 3, 30, new float[] {1, 0});
    track.cameraUpdate(new double[][] {{1, 0, 12}, {0, 1, -8}});
    assertEquals(new Box(112, 92, 40, 80).x(), track.box().x(), 1e-9);
    assertEquals(92, track.box().y(), 1e-9);
    assertEquals(80, track.box().h(), 1e-9);
    // Zoomed in 1.5x about the origin: corners (112, 92) and (152, 172) go to (168, 138) and (228, 258).
    track.cameraUpdate(new double[][] {{1.5, 0, 0}, {0, 1.5, 0}});
    assertEquals(168, track.box().x(), 1e-9);
    assertEquals(120, track.box().h(), 1e-9);
    // Farther than 100 from the identity: ignored, as StrongSORT's get_matrix does.
    track.cameraUpdate(new double[][] {{1, 0, 500}, {0, 1, 0}});
    assertEquals(168, track.box().x(), 1e-9);
  }

  @Test
  void eccFindsTheShiftOfATexturedScene() {
    try (EccMotion ecc = new EccMotion()) {
      // At a tenth of the size ECC works on, the scene must be large, as real frames are.
      ecc.next(SparseFlowMotionTest.scene(1280, 720, 0, 0));
      double[][] warp = ecc.next(SparseFlowMotionTest.scene(1280, 720, 20, -10));
      assertEquals(20, warp[0][2], 3, "x shift");
      assertEquals(-10, warp[1][2], 3, "y shift");
    }
  }
}
