package org.deepmetric.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.deepmetric.track.Box;
import org.deepmetric.track.CameraCompensation;
import org.deepmetric.track.Detection;
import org.deepmetric.track.TrackerAlgorithm;
import org.deepmetric.track.TrackerSettings;
import org.junit.jupiter.api.Test;

/** A person, then a car on the same spot: one track for both unless each class is tracked on its own. */
class PerClassTrackingTest {
  static final Box SPOT = new Box(100, 100, 60, 100);

  private static List<SequenceTracking.Row> run(boolean perClass) {
    SequenceTracking.Options options = new SequenceTracking.Options(TrackerAlgorithm.BYTETRACK,
        TrackerSettings.DEFAULTS, perClass, CameraCompensation.NONE);
    SequenceTracking.Online online = new SequenceTracking.Online(options, 30);
    List<SequenceTracking.Row> rows = new ArrayList<>();
    for (int frame = 1; frame <= 6; frame++) {
      int classId = frame <= 3 ? 0 : 2;
      rows.addAll(online.step(frame, List.of(new Detection(SPOT, 0.9, new float[0], classId)), null));
    }
    return rows;
  }

  @Test
  void tracksNeverMixClasses() {
    List<SequenceTracking.Row> mixed = run(false);
    assertEquals(1, mixed.stream().mapToInt(SequenceTracking.Row::id).distinct().count(), "one tracker: one track");
    assertEquals(-1, mixed.get(0).classId());

    List<SequenceTracking.Row> separate = run(true);
    SequenceTracking.Row person = separate.get(0);
    SequenceTracking.Row car = separate.stream().filter(r -> r.classId() == 2).findFirst().orElseThrow();
    assertEquals(0, person.classId());
    assertNotEquals(person.id(), car.id(), "the car starts a track of its own");
    // The car's track, started in frame 4 (not the first), is reported from its second frame on.
    assertEquals(5, car.frame());
  }
}
