package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linking on hand-made tracks, two cameras and three people. Camera 0: Ann 0-5 s, Bob 2-7 s, and
 * a look-alike of Ann 1-4 s. Camera 1: Ann again 9-14 s (4 s after leaving camera 0), and a
 * look-alike of Bob 3-6 s, while Bob is in camera 0.
 */
class CrossCameraLinkingTest {
  private static float[] unit(double... v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) (v[i] / Math.sqrt(n));
    }
    return f;
  }

  private static final TrackSummary ANN = new TrackSummary(0, 1, 0, 5, 50, unit(1, 0, 0, 0, 0));
  private static final TrackSummary BOB = new TrackSummary(0, 2, 2, 7, 50, unit(0, 1, 0, 0, 0));
  private static final TrackSummary ANN_LOOKALIKE = new TrackSummary(0, 3, 1, 4, 30, unit(1, 0, 0, 0.3, 0));
  private static final TrackSummary ANN_AGAIN = new TrackSummary(1, 1, 9, 14, 50, unit(1, 0, 0.05, 0, 0));
  private static final TrackSummary BOB_LOOKALIKE = new TrackSummary(1, 2, 3, 6, 30, unit(0, 1, 0, 0, 0.05));
  private static final List<TrackSummary> TRACKS = List.of(ANN, BOB, ANN_LOOKALIKE, ANN_AGAIN, BOB_LOOKALIKE);

  private static int[] link(CrossCameraLinking.Method method, double maxTransit) {
    return link(method, TransitWindows.uniform(2, maxTransit));
  }

  private static int[] link(CrossCameraLinking.Method method, TransitWindows transit) {
    return CrossCameraLinking.link(TRACKS, new CrossCameraLinking.Settings(method, 0.3, null, transit));
  }

  @Test
  void appearanceMergesAnnAndKeepsTheOthersApart() {
    int[] ids = link(CrossCameraLinking.Method.APPEARANCE, 10);
    assertEquals(ids[0], ids[3], "Ann in both cameras");
    // Ann's look-alike is closer to Ann than the threshold but was in camera 0 while Ann was.
    assertNotEquals(ids[0], ids[2]);
    // Bob's look-alike looks like Bob but stood in camera 1 while Bob stood in camera 0.
    assertNotEquals(ids[1], ids[4]);
    // Identities numbered by their first track's start: Ann 0 s, the look-alike 1 s, Bob 2 s, ...
    assertArrayEquals(new int[] {1, 3, 2, 1, 4}, ids);
  }

  @Test
  void aTransitLongerThanTheWindowIsNotLinked() {
    int[] ids = link(CrossCameraLinking.Method.APPEARANCE, 3);
    assertNotEquals(ids[0], ids[3], "4 s between the cameras, 3 s allowed");
  }

  /** Ann takes 4 s from camera 0 to camera 1: a window of that pair decides, in the direction she walked. */
  @Test
  void eachCameraPairHasItsOwnWindow() {
    TransitWindows open = TransitWindows.uniform(2, 0);
    int[] ids = link(CrossCameraLinking.Method.APPEARANCE, open.with(0, 1, 5, 8));
    assertNotEquals(ids[0], ids[3], "4 s is shorter than 5");
    ids = link(CrossCameraLinking.Method.APPEARANCE, open.with(0, 1, 4, 4));
    assertEquals(ids[0], ids[3], "both ends of the window are inside it");
    ids = link(CrossCameraLinking.Method.APPEARANCE, open.with(1, 0, 5, 8));
    assertEquals(ids[0], ids[3], "the window from camera 1 to camera 0 says nothing of walking from 0 to 1");
  }

  /**
   * Ann's track in camera 0 broke in two (0-2 s and 3-5 s); she entered camera 1 at 9 s. The
   * window (4 to 5 s) holds from the piece she walked on from: the first piece is 7 s before
   * camera 1, which is no transit, and all three are Ann.
   */
  @Test
  void theWindowHoldsBetweenConsecutiveTracksOnly() {
    TrackSummary first = new TrackSummary(0, 1, 0, 2, 20, unit(1, 0, 0, 0, 0));
    TrackSummary second = new TrackSummary(0, 4, 3, 5, 20, unit(1, 0, 0.02, 0, 0));
    TrackSummary later = new TrackSummary(1, 1, 9, 14, 50, unit(1, 0, 0.05, 0, 0));
    TransitWindows window = TransitWindows.uniform(2, 0).with(0, 1, 4, 5);
    for (CrossCameraLinking.Method method : List.of(CrossCameraLinking.Method.APPEARANCE,
        CrossCameraLinking.Method.TIME)) {
      int[] ids = CrossCameraLinking.link(List.of(first, second, later),
          new CrossCameraLinking.Settings(method, 0.3, null, window));
      if (method == CrossCameraLinking.Method.APPEARANCE) {
        assertArrayEquals(new int[] {1, 1, 1}, ids, "appearance");
      } else {
        // Time order alone never joins two tracks of one camera; the second piece walks on.
        assertEquals(ids[1], ids[2], "time");
      }
    }
    int[] tooLate = CrossCameraLinking.link(List.of(first, second, later), new CrossCameraLinking.Settings(
        CrossCameraLinking.Method.APPEARANCE, 0.3, null, TransitWindows.uniform(2, 0).with(0, 1, 1, 3)));
    assertEquals(tooLate[0], tooLate[1], "camera 0's pieces still join");
    assertNotEquals(tooLate[1], tooLate[2], "4 s from the second piece is outside 1-3 s");
  }

  @Test
  void theBaselines() {
    assertArrayEquals(new int[] {1, 3, 2, 5, 4}, link(CrossCameraLinking.Method.NONE, 10));
    // Time order alone: Ann-again (9 s) continues whichever camera-0 track ended last before it:
    // Bob (7 s), not Ann; and Bob's look-alike (3 s) continues nobody (nothing ended before 3 s).
    int[] ids = link(CrossCameraLinking.Method.TIME, 10);
    assertEquals(ids[1], ids[3]);
    assertNotEquals(ids[0], ids[3]);
  }

  @Test
  void overlappingCamerasMayShareAPersonAtTheSameTime() {
    boolean[][] overlapping = {{false, true}, {true, false}};
    int[] ids = CrossCameraLinking.link(TRACKS,
        new CrossCameraLinking.Settings(CrossCameraLinking.Method.APPEARANCE, 0.3, overlapping,
            TransitWindows.uniform(2, 10)));
    assertEquals(ids[1], ids[4], "cameras 0 and 1 watch one place: Bob is in both at once");
  }
}
