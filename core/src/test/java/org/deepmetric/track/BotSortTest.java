package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BoT-SORT's differences from ByteTrack, on frames worked out by hand. */
class BotSortTest {
  static final Box SPOT = new Box(100, 100, 50, 100);
  /** SPOT moved 6 pixels right: inclusive IoU 45 x 101 / (2 x 51 x 101 - 45 x 101) = 0.79. */
  static final Box SHIFTED = new Box(106, 100, 50, 100);

  @Test
  void appearanceFusedWithIouPicksTheSamePersonOverTheBetterOverlap() {
    float[] alice = {1, 0};
    float[] bob = {0, 1};
    for (ByteTracker.Settings settings : List.of(ByteTracker.Settings.BYTETRACK, ByteTracker.Settings.BOTSORT)) {
      ByteTracker tracker = new ByteTracker(settings, 30);
      tracker.update(List.of(new Detection(SPOT, 0.9, alice)));
      // Bob stands on Alice's spot, Alice moved a little. IoU alone: track 1 takes the spot
      // (1 - 1 x 0.9 = 0.1 against 1 - 0.79 x 0.9 = 0.29). With appearance: Alice's half cosine
      // distance is 0 (IoU distance 0.21 <= 0.5), Bob's 0.5 > 0.25 counts as 1: min(0.29, 0) wins.
      List<TrackedBox> out = tracker.update(List.of(new Detection(SPOT, 0.9, bob),
          new Detection(SHIFTED, 0.9, alice)));
      Box first = out.stream().filter(o -> o.id() == 1).findFirst().orElseThrow().box();
      double expectedX = settings == ByteTracker.Settings.BOTSORT ? 106 : 100;
      assertEquals(expectedX, first.x(), 3, settings.measurement() + ": track 1 at " + first);
    }
  }

  @Test
  void botSortReportsTracksFromTheirFirstFrame() {
    ByteTracker bot = new ByteTracker(ByteTracker.Settings.BOTSORT, 30);
    ByteTracker bytes = new ByteTracker(ByteTracker.Settings.BYTETRACK, 30);
    bot.update(List.of());
    bytes.update(List.of());
    // Started in frame 2: ByteTrack waits for a second match, BoT-SORT's update returns it at once.
    assertEquals(1, bot.update(List.of(new Detection(SPOT, 0.9, new float[0]))).size());
    assertEquals(0, bytes.update(List.of(new Detection(SPOT, 0.9, new float[0]))).size());
  }

  @Test
  void theXywhFilterScalesXNoiseByWidthAndYNoiseByHeight() {
    KalmanFilter.State s = new KalmanFilter(KalmanFilter.Measurement.XYWH).initiate(SPOT.toXywh());
    assertEquals(Math.pow(2 * 50 / 20.0, 2), s.covariance()[0][0], 1e-12);
    assertEquals(Math.pow(2 * 100 / 20.0, 2), s.covariance()[1][1], 1e-12);
    assertEquals(Math.pow(10 * 50 / 160.0, 2), s.covariance()[6][6], 1e-12);
    assertEquals(SPOT, Box.fromXywh(s.mean()));
  }

  @Test
  void cameraMotionMovesEveryTrackWithTheWarp() {
    KalmanFilter filter = new KalmanFilter(KalmanFilter.Measurement.XYWH);
    KalmanFilter.State s = filter.initiate(SPOT.toXywh());
    // A pure shift moves the centre only; a rotation by 90 degrees also swaps w and h's places.
    KalmanFilter.State shifted = ByteTracker.warped(s, new double[][] {{1, 0, 12}, {0, 1, -8}});
    assertEquals(SPOT.x() + 12, Box.fromXywh(shifted.mean()).x(), 1e-9);
    assertEquals(SPOT.y() - 8, Box.fromXywh(shifted.mean()).y(), 1e-9);
    assertEquals(s.covariance()[0][0], shifted.covariance()[0][0], 1e-9);
    KalmanFilter.State turned = ByteTracker.warped(s, new double[][] {{0, -1, 0}, {1, 0, 0}});
    assertEquals(-SPOT.toXywh()[1], turned.mean()[0], 1e-9);
    assertEquals(s.covariance()[1][1], turned.covariance()[0][0], 1e-9);

    // A camera pan of 40 pixels: inclusive IoU 11 x 101 / (2 x 51 x 101 - 11 x 101) = 0.12, cost 1 - 0.12 x 0.9
    // above 0.8 without the warp; with it the predicted box lands on the detection.
    Box panned = new Box(SPOT.x() + 40, SPOT.y(), SPOT.w(), SPOT.h());
    for (boolean compensate : new boolean[] {true, false}) {
      ByteTracker tracker = new ByteTracker(ByteTracker.Settings.BOTSORT, 30);
      tracker.update(List.of(new Detection(SPOT, 0.9, new float[0])));
      List<TrackedBox> out = tracker.update(List.of(new Detection(panned, 0.9, new float[0])),
          compensate ? new double[][] {{1, 0, 40}, {0, 1, 0}} : null);
      boolean kept = out.stream().anyMatch(o -> o.id() == 1);
      assertEquals(compensate, kept, compensate ? "compensated: the same track" : "uncompensated: track 1 lost");
    }
  }
}
