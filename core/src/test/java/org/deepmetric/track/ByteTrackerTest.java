package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ByteTrack's distinctive rules on frames worked out by hand. */
class ByteTrackerTest {
  static final Box PERSON = new Box(100, 100, 50, 100);

  private static Detection det(Box box, double score) {
    return new Detection(box, score, new float[0]);
  }

  private static List<Integer> ids(List<TrackedBox> out) {
    return out.stream().map(TrackedBox::id).toList();
  }

  @Test
  void aLowScoreDetectionKeepsATrackAliveWhereAThresholdWouldDropIt() {
    ByteTracker tracker = new ByteTracker(ByteTracker.Settings.BYTETRACK, 30);
    assertEquals(List.of(1), ids(tracker.update(List.of(det(PERSON, 0.9)))), "confirmed at once in frame 1");
    // 0.4 is below --track_thresh 0.6 (and deep_sort's 0.8): only the second association takes it.
    List<TrackedBox> second = tracker.update(List.of(det(PERSON, 0.4)));
    assertEquals(List.of(1), ids(second));
    assertEquals(0.4, second.get(0).score(), 1e-12, "the score of the detection that matched");
    assertEquals(List.of(), ids(tracker.update(List.of())), "no detection: lost, not reported");
    assertEquals(List.of(1), ids(tracker.update(List.of(det(PERSON, 0.9)))), "found again with its id");
    // Below 0.1 nothing matches: lost again.
    assertEquals(List.of(), ids(tracker.update(List.of(det(PERSON, 0.05)))));
  }

  @Test
  void newTracksNeedTheThresholdPlusATenthAndASecondFrame() {
    ByteTracker tracker = new ByteTracker(ByteTracker.Settings.BYTETRACK, 30);
    assertEquals(List.of(), ids(tracker.update(List.of(det(PERSON, 0.65)))), "high, but under 0.6 + 0.1");
    assertEquals(List.of(), ids(tracker.update(List.of(det(PERSON, 0.75)))), "started in frame 2: unconfirmed");
    // The id was taken when the track started; it is reported once matched again.
    assertEquals(List.of(1), ids(tracker.update(List.of(det(PERSON, 0.75)))));
  }

  @Test
  void lostTracksAreKeptForTheBufferScaledByFrameRate() {
    for (double rate : new double[] {10, 30}) {
      ByteTracker tracker = new ByteTracker(ByteTracker.Settings.BYTETRACK, rate);
      tracker.update(List.of(det(PERSON, 0.9)));
      // Unseen for frames 2-13: 12 frames, more than 10 / 30 x 30 = 10, fewer than 30.
      for (int f = 2; f <= 13; f++) {
        tracker.update(List.of());
      }
      List<Integer> back = ids(tracker.update(List.of(det(PERSON, 0.9))));
      if (rate == 30) {
        assertEquals(List.of(1), back, "within 30 frames the lost track is found again");
      } else {
        assertEquals(List.of(), back, "past 10 frames it is gone; the detection starts track 2, unconfirmed");
        assertEquals(List.of(2), ids(tracker.update(List.of(det(PERSON, 0.9)))));
      }
    }
  }

  @Test
  void iouCountsPixelsInclusivelyAsCythonBbox() {
    // Corners (0,0)-(9,9) and (5,0)-(14,9): 10 x 10 pixels each, 5 x 10 shared: 50 / 150.
    assertEquals(1.0 / 3, ByteTracker.inclusiveIou(new Box(0, 0, 9, 9), new Box(5, 0, 9, 9)), 1e-12);
    assertEquals(0, ByteTracker.inclusiveIou(new Box(0, 0, 9, 9), new Box(20, 0, 9, 9)), 1e-12);
  }

  @Test
  void theCostLimitLeavesExpensivePairsUnmatched() {
    // Row 0 may take column 0 (0.3) but never column 1 (0.95 > 0.9); row 1 takes column 1.
    int[] m = CostLimitedAssignment.solve(new double[][] {{0.3, 0.95}, {0.95, 0.2}}, 0.9);
    assertEquals(0, m[0]);
    assertEquals(1, m[1]);
    int[] none = CostLimitedAssignment.solve(new double[][] {{0.95}}, 0.9);
    assertEquals(-1, none[0]);
    assertTrue(CostLimitedAssignment.solve(new double[0][0], 0.9).length == 0);
  }
}
