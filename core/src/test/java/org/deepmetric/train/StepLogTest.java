package org.deepmetric.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepLogTest {
  private static String fixed(double value, int places) {
    return StepLog.appendFixed(new StringBuilder(), value, places).toString();
  }

  private static String exact(double value, int places) {
    return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
  }

  @Test
  void roundsTheExactBinaryValueWithTiesToEven() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      // Losses and step times: from 1e-9 to 1e4, and values on decimal grids where ties live.
      double value = switch (i % 3) {
        case 0 -> Math.pow(10, random.nextDouble(-9, 4));
        case 1 -> random.nextInt(20_000_000) / 1e7;
        default -> (random.nextInt(2_000_000) + 0.5) / 1e6;
      };
      int places = 3 + i % 4;
      assertEquals(exact(value, places), fixed(value, places), "value " + value + ", " + places + " places");
    }
  }

  @Test
  void tiesAndEdgesComeOutAsPythonPrintsThem() {
    assertEquals("0.2", fixed(0.25, 1));
    assertEquals("0.8", fixed(0.75, 1));
    assertEquals("2", fixed(2.5, 0));
    assertEquals("4", fixed(3.5, 0));
    assertEquals("0.125", fixed(0.125, 3));
    assertEquals("0.12", fixed(0.125, 2));
    assertEquals("0.38", fixed(0.375, 2));
    // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary.
    assertEquals("2.67", fixed(2.675, 2));
    assertEquals("-0.000000", fixed(-1e-9, 6));
    assertEquals("-1.500000", fixed(-1.5, 6));
    assertEquals("nan", fixed(Double.NaN, 6));
    assertEquals("inf", fixed(Double.POSITIVE_INFINITY, 6));
    assertEquals("-inf", fixed(Double.NEGATIVE_INFINITY, 6));
    assertEquals(exact(1e17, 6), fixed(1e17, 6));
    assertThrows(IllegalArgumentException.class, () -> fixed(1, 10));
  }

  @Test
  void linesHaveTheOriginalProgramsFormats() {
    StepRecord record = new StepRecord(1234, 2, 234, Map.of("loss", 0.0123456789f), 64, 0.0042);
    assertEquals("epoch : 1----step : 233----loss : 0.012346----sec/step : 0.004200", StepLog.lenetLine(record));
    assertEquals("global step 1234: loss = 0.0123 (0.004 sec/step)", StepLog.slimLine(record));
  }
}
