package org.deepmetric.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void warmsUpThenFollowsACosineToAHundredth() {
    LearningRateSchedule schedule = new LearningRateSchedule(2e-3f, rate -> { }, 0);
    assertEquals(2e-4f, schedule.rate(0), 1e-9f);
    assertEquals(2e-3f, schedule.rate(LearningRateSchedule.WARM_UP), 1e-9f);
    assertEquals(2e-3f * (0.01f + 0.99f * 0.5f), schedule.rate(LearningRateSchedule.WARM_UP + (1 - LearningRateSchedule.WARM_UP) / 2),
        1e-9f);
    assertEquals(2e-5f, schedule.rate(1), 1e-9f);
    for (double p = LearningRateSchedule.WARM_UP; p < 1; p += 0.01) {
      assertTrue(schedule.rate(p + 0.01) <= schedule.rate(p), "decreasing at " + p);
    }
  }

  @Test
  void aStepBudgetDrivesTheRatesTheModelGets() {
    List<Float> applied = new ArrayList<>();
    LearningRateSchedule schedule = new LearningRateSchedule(1f, applied::add, 0);
    schedule.onStart(1, 100);
    for (long step = 1; step <= 100; step++) {
      schedule.onStep(new StepRecord(step, 1, (int) step, Map.of(), 1, 0.0));
    }
    assertEquals(101, applied.size());
    assertEquals(0.1f, applied.get(0), 1e-6f, "the first step runs at a tenth of the peak");
    assertEquals(1f, applied.get(5), 1e-6f, "warm-up ends after 5% of the steps");
    assertTrue(applied.get(99) < 0.02f, "the last step runs near a hundredth: " + applied.get(99));
  }

  @Test
  void withoutABudgetItWarmsUpAndStays() {
    List<Float> applied = new ArrayList<>();
    LearningRateSchedule schedule = new LearningRateSchedule(1f, applied::add, 0);
    schedule.onStart(1, Long.MAX_VALUE);
    for (long step = 1; step <= 300; step++) {
      schedule.onStep(new StepRecord(step, 1, (int) step, Map.of(), 1, 0.0));
    }
    assertEquals(0.1f, applied.get(0), 1e-6f);
    assertTrue(applied.get(50) > 0.5f && applied.get(50) < 1f, "halfway through the warm-up: " + applied.get(50));
    assertEquals(1f, applied.get(300), 1e-6f);
  }
}
