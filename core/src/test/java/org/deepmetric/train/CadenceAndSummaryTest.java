package org.deepmetric.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepmetric.io.EventFiles;
import org.deepmetric.io.EventWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Arrays;

class CadenceAndSummaryTest {
  @TempDir
  Path dir;

  @Test
  void aStepCadenceFiresEveryNStepsCountedFromItsReset() {
    Cadence cadence = Cadence.everySteps(3);
    cadence.reset(10);
    boolean[] due = new boolean[7];
    for (int step = 11; step <= 17; step++) {
      due[step - 11] = cadence.due(step);
    }
    assertEquals("[false, false, true, false, false, true, false]", Arrays.toString(due));
  }

  @Test
  void aTimeCadenceFiresOnceTheIntervalHasPassed() throws InterruptedException {
    Cadence cadence = Cadence.everySeconds(0.05);
    assertFalse(cadence.due(1));
    Thread.sleep(80);
    assertTrue(cadence.due(2));
    assertFalse(cadence.due(3), "the clock restarts when it fires");
  }

  @Test
  void summariesAverageTheStepsSinceTheLastWrite() throws IOException {
    EventWriter events = new EventWriter(dir);
    SummaryListener summaries = new SummaryListener(events, Cadence.everySteps(2));
    summaries.onStart(1, 4);
    summaries.onStep(new StepRecord(1, 1, 1, Map.of("loss", 1f), 8, 0.5));
    summaries.onStep(new StepRecord(2, 1, 2, Map.of("loss", 3f), 4, 0.5));
    summaries.onStep(new StepRecord(3, 1, 3, Map.of("loss", 10f), 8, 2.0));
    summaries.onEnd(3);
    events.close();
    List<EventFiles.Scalar> written = EventFiles.scalars(events.file());
    assertEquals(List.of(
        new EventFiles.Scalar("train/loss", 2, 2f),
        new EventFiles.Scalar("train/images_per_sec", 2, 12f),
        new EventFiles.Scalar("train/loss", 3, 10f),
        new EventFiles.Scalar("train/images_per_sec", 3, 4f)), written);
  }
}
