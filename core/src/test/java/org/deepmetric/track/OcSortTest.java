package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OC-SORT's three observation-centric rules, each on a scene worked out by hand. */
class OcSortTest {
  private static Detection det(double x, double y, double w, double h) {
    return new Detection(new Box(x, y, w, h), 0.9, new float[0]);
  }

  private static OcSort tracker(double inertia) {
    OcSort.Settings d = OcSort.Settings.DEFAULTS;
    return new OcSort(new OcSort.Settings(d.detThresh(), d.maxAge(), d.minHits(), d.iouThreshold(), d.deltaT(),
        inertia, d.useByte(), d.minBoxArea(), null, false));
  }

  /** The box track {@code id} reports in {@code reported}, or null. */
  private static Box boxOf(List<TrackedBox> reported, int id) {
    return reported.stream().filter(t -> t.id() == id).map(TrackedBox::box).findFirst().orElse(null);
  }

  @Test
  void momentumPicksTheDetectionThatContinuesTheDirectionOverABetterIou() {
    for (double inertia : new double[] {0.2, 0}) {
      OcSort tracker = tracker(inertia);
      // A person 40 x 100 walking right, 1 pixel a frame: x = 100 ... 105.
      for (int frame = 0; frame < 6; frame++) {
        tracker.update(List.of(det(100 + frame, 50, 40, 100)));
      }
      // Frame 7: the prediction is near x = 106. One candidate steps back to x = 101 (IoU with the
      // prediction about 0.78), left of the observation three frames back (x = 102): against the
      // track's direction. The other goes on to x = 112 (IoU about 0.74), along it.
      List<TrackedBox> out = tracker.update(List.of(det(101, 50, 40, 100), det(112, 50, 40, 100)));
      // Cost -(IoU + 0.2 x (pi/2 - angle) / pi x 0.9): 0.74 + 0.09 beats 0.78 - 0.09.
      assertEquals(inertia > 0 ? 112 : 101, boxOf(out, 1).x(), 1e-9, "inertia " + inertia);
    }
  }

  @Test
  void recoveryRelinksATrackLostBehindAnOccluderToItsLastObservation() {
    OcSort tracker = tracker(0.2);
    List<Integer> ids = new ArrayList<>();
    // Walking right 10 pixels a frame for 6 frames (x = 100 ... 150), then hidden for 5 frames,
    // in which the filter carries the box on to about x = 210; the person had stopped behind the
    // occluder and steps out at x = 152: no IoU with the prediction, 0.9 with the last observation.
    for (int frame = 0; frame < 6; frame++) {
      tracker.update(List.of(det(100 + 10 * frame, 50, 40, 100))).forEach(t -> ids.add(t.id()));
    }
    for (int frame = 0; frame < 5; frame++) {
      assertEquals(List.of(), tracker.update(List.of()));
    }
    List<TrackedBox> last = List.of();
    for (int frame = 0; frame < 3; frame++) {
      last = tracker.update(List.of(det(152, 50, 40, 100)));
      last.forEach(t -> ids.add(t.id()));
    }
    // Three observations in a row after the gap: reported again, under its first id.
    assertEquals(1, last.size());
    assertEquals(152, boxOf(last, 1).x(), 1e-9);
    assertTrue(ids.stream().allMatch(id -> id == 1), ids.toString());
  }

  @Test
  void reObservationReplaysTheVirtualTrajectoryFromTheFrozenState() {
    // One track observed at x = 10 after its start at x = 0, then missed for three frames and
    // observed at x = 50 (boxes 20 x 40; z = centre x, centre y, area, aspect).
    SortKalmanFilter gap = new SortKalmanFilter(z(0), SortKalmanFilter.Model.XYSR);
    gap.predict(null);
    gap.update(z(10), null);
    for (int frame = 0; frame < 3; frame++) {
      gap.predict(null);
      gap.update(null, null);
    }
    gap.predict(null);
    gap.update(z(50), null);
    // The same filter fed the straight line between the two observations instead: the frozen
    // state is the prediction of the first missed frame, the virtual boxes x = 20, 30, 40 and 50
    // are its updates (a predict between two), then the real x = 50 updates once more.
    SortKalmanFilter replayed = new SortKalmanFilter(z(0), SortKalmanFilter.Model.XYSR);
    replayed.predict(null);
    replayed.update(z(10), null);
    for (int x = 20; x <= 50; x += 10) {
      replayed.predict(null);
      replayed.update(z(x), null);
    }
    replayed.update(z(50), null);
    assertArrayEquals(replayed.state(), gap.state(), 1e-9);
    // Without the replay the velocity would still be the one measured before the gap: far lower.
    assertTrue(gap.state()[4] > 8, "x velocity " + gap.state()[4]);
  }

  @Test
  void scoresAtTheThresholdAreLeftOutAsTheAuthorsStrictComparisonsLeaveThem() {
    OcSort tracker = tracker(0.2);
    // det_thresh 0.6: a score of exactly 0.6 is neither above it nor in the BYTE range below it.
    List<TrackedBox> out = tracker.update(List.of(new Detection(new Box(10, 10, 40, 100), 0.6, new float[0]),
        new Detection(new Box(200, 10, 40, 100), 0.61, new float[0])));
    assertEquals(1, out.size());
    assertEquals(200, out.get(0).box().x(), 1e-6);
    assertEquals(0.61, out.get(0).score(), 0);
  }

  @Test
  void theJavaArcCosineHasStrictMathsBits() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    double[] edges = {-1, 1, 0, -0.0, 0.5, -0.5, Math.nextUp(0.5), Math.nextDown(-0.5), 1e-20, -1e-20,
        Math.nextDown(1.0), Math.nextUp(-1.0), 1.0000001, Double.NaN};
    for (double x : edges) {
      assertEquals(Double.doubleToLongBits(StrictMath.acos(x)), Double.doubleToLongBits(Arccos.acos(x)), "x " + x);
    }
    for (int i = 0; i < 200_000; i++) {
      double x = i % 2 == 0 ? random.nextDouble(-1, 1) : random.nextDouble(-1e-3, 1e-3);
      assertEquals(Double.doubleToLongBits(StrictMath.acos(x)), Double.doubleToLongBits(Arccos.acos(x)), "x " + x);
    }
  }

  private static double[] z(double x) {
    return new double[] {x + 10, 20, 800, 20 / (40 + 1e-6)};
  }
}
