package org.deepmetric.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void withoutATerminalItPrintsPlainLinesNotCarriageReturnFrames() {
    StringWriter log = new StringWriter();
    try (Progress progress = Progress.plain(new PrintWriter(log), "train", 0, 200)) {
      for (int step = 1; step <= 150; step++) {
        progress.stepTo(step, "loss 0.5");
      }
    }
    // Steps come faster than one line per 10 s, so only the closing line is printed.
    assertEquals("train: 150/200 (75%) loss 0.5\n", log.toString());
  }

  @Test
  void theStatusIsOnlyMadeForTheLinesThatShowIt() {
    StringWriter log = new StringWriter();
    int[] made = {0};
    try (Progress progress = Progress.plain(new PrintWriter(log), "train", 0, 1000)) {
      for (int step = 1; step <= 1000; step++) {
        int value = step;
        progress.stepTo(step, () -> {
          made[0]++;
          return "step " + value;
        });
      }
    }
    assertEquals("train: 1000/1000 (100%) step 1000\n", log.toString());
    assertEquals(1, made[0]);
  }
}
