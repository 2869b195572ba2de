package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracker on hand-made scenes: confirmation, IoU matching, and appearance across an occlusion. */
class TrackerTest {
  private static final float[] RED = {1, 0, 0};
  private static final float[] BLUE = {0, 1, 0};
  private static final float[] GREEN = {0, 0, 1};

  private static Tracker tracker(double maxCosineDistance) {
    return new Tracker(new NearestNeighborMetric(maxCosineDistance, 100), Tracker.Settings.DEEP_SORT);
  }

  /** The confirmed tracks seen this frame, box x -> id, as deep_sort_app reports them. */
  private static Map<Integer, Integer> reported(Tracker tracker) {
    Map<Integer, Integer> ids = new HashMap<>();
    for (Track t : tracker.tracks()) {
      if (t.isConfirmed() && t.timeSinceUpdate() <= 1) {
        ids.put(t.id(), (int) Math.round(t.box().x()));
      }
    }
    return ids;
  }

  @Test
  void aTrackIsConfirmedOnItsThirdHitAndATentativeMissDeletesIt() {
    Tracker tracker = tracker(0.2);
    for (int f = 0; f < 3; f++) {
      tracker.predict();
      tracker.update(List.of(new Detection(new Box(100 + 5 * f, 50, 40, 100), 1, RED)));
      assertEquals(f == 2, tracker.tracks().get(0).isConfirmed(), "frame " + f);
    }
    tracker.predict();
    tracker.update(List.of(new Detection(new Box(400, 50, 40, 100), 1, BLUE)));
    tracker.predict();
    tracker.update(List.of());
    assertEquals(List.of(1), tracker.tracks().stream().map(Track::id).toList(),
        "the tentative track 2 missed once and is gone; confirmed track 1 waits");
  }

  @Test
  void aTrackHiddenForFiveFramesKeepsItsIdByAppearance() {
    Tracker tracker = tracker(0.2);
    List<Integer> ids = new ArrayList<>();
    // A walks right 8 px a frame (RED); B stands still (BLUE). A is hidden in frames 10 to 14.
    for (int f = 0; f < 20; f++) {
      List<Detection> detections = new ArrayList<>();
      boolean hidden = f >= 10 && f < 15;
      if (!hidden) {
        detections.add(new Detection(new Box(100 + 8 * f, 60, 40, 100), 0.9, RED));
      }
      detections.add(new Detection(new Box(500, 60, 40, 100), 0.9, BLUE));
      tracker.predict();
      tracker.update(detections);
      if (f == 5) {
        ids.addAll(reported(tracker).keySet());
      }
    }
    Map<Integer, Integer> after = reported(tracker);
    assertEquals(2, after.size(), "both reported again: " + after);
    assertEquals(ids.stream().sorted().toList(), after.keySet().stream().sorted().toList(),
        "the same ids after the occlusion: " + after);
    assertEquals(100 + 8 * 19, after.get(1), 1.0);
  }

  @Test
  void aDifferentLookAtThePredictedPlaceStartsANewTrack() {
    Tracker tracker = tracker(0.2);
    for (int f = 0; f < 20; f++) {
      boolean hidden = f >= 10 && f < 15;
      List<Detection> detections = new ArrayList<>();
      if (!hidden) {
        detections.add(new Detection(new Box(100 + 8 * f, 60, 40, 100), 0.9, f < 10 ? RED : GREEN));
      }
      tracker.predict();
      tracker.update(detections);
    }
    assertFalse(reported(tracker).containsKey(1), "GREEN is not RED: " + reported(tracker));
    assertTrue(tracker.tracks().stream().anyMatch(t -> t.id() == 2 && t.isConfirmed()));
  }

  @Test
  void withAppearanceIgnoredTheGapIsTooLongForIou() {
    // max cosine distance 0: real features never coincide, so appearance never matches, and IoU
    // only bridges one missed frame.
    Tracker tracker = tracker(0);
    for (int f = 0; f < 20; f++) {
      boolean hidden = f >= 10 && f < 15;
      List<Detection> detections = new ArrayList<>();
      if (!hidden) {
        detections.add(new Detection(new Box(100 + 8 * f, 60, 40, 100), 0.9, new float[] {1, 0.01f * f, 0}));
      }
      tracker.predict();
      tracker.update(detections);
    }
    assertTrue(reported(tracker).keySet().stream().allMatch(id -> id > 1), reported(tracker).toString());
  }

  /**
   * deep_sort's detections reach it through a float32 .npy: against --min_confidence 0.7, a score
   * of 0.7 is float32's 0.69999999 and is dropped; 0.3 against 0.3 is 0.30000001 and is kept.
   */
  @Test
  void confidenceIsComparedAtTheNpysFloat32Precision() {
    for (double score : new double[] {0.7, 0.3}) {
      DeepSort deepSort = new DeepSort(new DeepSort.Settings(score, 1.0, 0, 0.2, 100,
          new Tracker.Settings(0.7, 30, 1), Tracker.Variant.DEEP_SORT));
      List<TrackedBox> out = List.of();
      for (int frame = 0; frame < 3; frame++) {
        out = deepSort.update(List.of(new Detection(new Box(10, 10, 40, 80), score, RED)));
      }
      assertEquals(score == 0.3 ? 1 : 0, out.size(), "score " + score + " at --min_confidence " + score);
    }
  }
}
