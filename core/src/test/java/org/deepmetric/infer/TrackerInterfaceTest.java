package org.deepmetric.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.deepmetric.track.Box;
import org.deepmetric.track.CameraCompensation;
import org.deepmetric.track.Detection;
import org.deepmetric.track.OnlineTracker;
import org.deepmetric.track.TrackedBox;
import org.deepmetric.track.TrackerFactory;
import org.deepmetric.track.TrackerSettings;
import org.junit.jupiter.api.Test;

/** A tracker written here, registered as a factory, runs through sequence tracking like the built-in ones. */
class TrackerInterfaceTest {
  /** Reports each detection as track (its rank by x + 1), its box moved 1 pixel right, its score halved. */
  private static final class Stub implements OnlineTracker {
    final List<Integer> sizes = new ArrayList<>();

    @Override
    public List<TrackedBox> update(List<Detection> detections, double[][] warp) {
      sizes.add(detections.size());
      List<Detection> sorted = new ArrayList<>(detections);
      sorted.sort((a, b) -> Double.compare(a.box().x(), b.box().x()));
      List<TrackedBox> out = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        Box b = sorted.get(i).box();
        out.add(new TrackedBox(i + 1, new Box(b.x() + 1, b.y(), b.w(), b.h()), sorted.get(i).confidence() / 2));
      }
      return out;
    }
  }

  /** A factory of stubs that keeps each stub it makes. */
  private static TrackerFactory factory(List<Stub> made) {
    return (settings, frameRate) -> {
      Stub s = new Stub();
      made.add(s);
      return s;
    };
  }

  @Test
  void aNewTrackerIsOneClassAndOneFactory() {
    List<Stub> made = new ArrayList<>();
    TrackerFactory stub = factory(made);
    DetectionTable table = DetectionTable.withoutFeatures(List.of(new double[] {1, -1, 50, 10, 20, 40, 0.8},
        new double[] {1, -1, 10, 10, 20, 40, 0.6}, new double[] {3, -1, 30, 10, 20, 40, 0.9}));
    List<Integer> framesHeard = new ArrayList<>();
    List<SequenceTracking.Row> rows = SequenceTracking.track(table, 1, 4,
        new SequenceTracking.Options(stub, TrackerSettings.DEFAULTS, false, CameraCompensation.NONE), 30,
        f -> null, (frame, frameRows) -> framesHeard.add(frame));
    assertEquals(1, made.size());
    // Called every frame, frames without detections too, so that its tracks can age.
    assertEquals(List.of(2, 0, 1, 0), made.get(0).sizes);
    assertEquals(List.of(1, 2, 3, 4), framesHeard);
    assertEquals(List.of(new SequenceTracking.Row(1, 1, new Box(11, 10, 20, 40), 0.3, -1),
        new SequenceTracking.Row(1, 2, new Box(51, 10, 20, 40), 0.4, -1),
        new SequenceTracking.Row(3, 1, new Box(31, 10, 20, 40), 0.45, -1)), rows);
  }

  @Test
  void skippingEmptyFramesLeavesTheTrackerUncalledThere() {
    List<Stub> made = new ArrayList<>();
    TrackerFactory stub = factory(made);
    DetectionTable table = DetectionTable.withoutFeatures(List.of(new double[] {1, -1, 50, 10, 20, 40, 0.8},
        new double[] {3, -1, 30, 10, 20, 40, 0.9}));
    List<SequenceTracking.Row> rows = SequenceTracking.track(table, 1, 4,
        new SequenceTracking.Options(stub, TrackerSettings.DEFAULTS, false, CameraCompensation.NONE, true), 30,
        f -> null, (frame, frameRows) -> { });
    assertEquals(List.of(1, 1), made.get(0).sizes, "called on frames 1 and 3 only");
    assertEquals(List.of(1, 3), rows.stream().map(SequenceTracking.Row::frame).toList());
  }
}
