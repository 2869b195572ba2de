package org.deepmetric.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import org.deepmetric.DeepMetricException;

/**
 * Appends one line per step to the run's log file, in the format of the system being rebuilt:
 * the LeNet seed's {@link #lenetLine} or TF-slim's {@link #slimLine}.
 */
public final class StepLog implements TrainingListener {
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};

  private final Path file;
  private final Function<StepRecord, String> format;
  private final BufferedWriter out;

  public StepLog(Path file, Function<StepRecord, String> format) {
    this.file = file;
    this.format = format;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot open log file (" + e.getMessage() + ")", e);
    }
  }

  /** {@code epoch : E----step : S----loss : L----sec/step : T}, epoch and step from 0 as the seed prints them. */
  public static String lenetLine(StepRecord record) {
    // The seed counts epochs and steps from 0 (Python's range), so its logs and ours line up.
    StringBuilder line = new StringBuilder(80).append("epoch : ").append(record.epoch() - 1)
        .append("----step : ").append(record.stepInEpoch() - 1).append("----loss : ");
    appendFixed(line, record.loss(), 6).append("----sec/step : ");
    return appendFixed(line, record.seconds(), 6).toString();
  }

  /** {@code global step S: loss = L (T sec/step)}, as slim.learning.train logs. */
  public static String slimLine(StepRecord record) {
    StringBuilder line = new StringBuilder(64).append("global step ").append(record.step()).append(": loss = ");
    appendFixed(line, record.loss(), 4).append(" (");
    return appendFixed(line, record.seconds(), 3).append(" sec/step)").toString();
  }

  /**
   * Appends {@code value} with {@code places} decimals (0 to 9), rounded from its exact binary value
   * with ties to even, as Python's {@code "%.6f"} (which both original programs log with) does.
   * Built by hand rather than with {@code String.format}: a line per step through
   * {@code java.util.Formatter} kept the JIT busy for the whole of a short LeNet run.
   */
  static StringBuilder appendFixed(StringBuilder out, double value, int places) {
    if (places < 0 || places > 9) {
      throw new IllegalArgumentException("places must be 0 to 9, got " + places);
    }
    if (Double.isNaN(value)) {
      return out.append("nan");
    }
    if (Double.doubleToRawLongBits(value) < 0) {
      out.append('-');
    }
    double magnitude = Math.abs(value);
    long unit = POWERS_OF_TEN[places];
    double scaled = magnitude * unit;
    if (Double.isInfinite(magnitude)) {
      return out.append("inf");
    }
    if (!(scaled < 0x1p52)) {
      return out.append(new BigDecimal(magnitude).setScale(places, RoundingMode.HALF_EVEN).toPlainString());
    }
    // magnitude x unit is exactly scaled + error; the fraction is exact below 2^52, and error
    // only decides a tie (it is smaller than any step between the fraction and one half).
    double error = Math.fma(magnitude, unit, -scaled);
    double floor = Math.floor(scaled);
    double fraction = scaled - floor;
    long units = (long) floor;
    if (fraction > 0.5 || fraction == 0.5 && (error > 0 || error == 0 && (units & 1) == 1)) {
      units++;
    }
    out.append(units / unit);
    if (places > 0) {
      String decimals = Long.toString(units % unit);
      out.append('.');
      for (int i = decimals.length(); i < places; i++) {
        out.append('0');
      }
      out.append(decimals);
    }
    return out;
  }

  @Override
  public void onStep(StepRecord record) {
    write(format.apply(record));
    flush();
  }

  /** Adds a free-form line, such as an epoch's validation accuracy. */
  public void note(String text) {
    write(text);
    flush();
  }

  private void write(String text) {
    try {
      out.write(text);
      out.newLine();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Every line reaches the file at once, so `tail -f` and a crash both see the latest step. */
  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }
}
