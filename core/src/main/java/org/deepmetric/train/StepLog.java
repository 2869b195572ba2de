package org.deepmetric.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Function;
import org.deepmetric.DeepMetricException;

/**
 * Appends one line per step to the run's log file, in the format of the system being rebuilt:
 * the LeNet seed's {@link #lenetLine} or TF-slim's {@link #slimLine}.
 */
public final class StepLog implements TrainingListener {
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
    return String.format(Locale.ROOT, "epoch : %d----step : %d----loss : %.6f----sec/step : %.6f",
        record.epoch() - 1, record.stepInEpoch() - 1, record.loss(), record.seconds());
  }

  /** {@code global step S: loss = L (T sec/step)}, as slim.learning.train logs. */
  public static String slimLine(StepRecord record) {
    return String.format(Locale.ROOT, "global step %d: loss = %.4f (%.3f sec/step)",
        record.step(), record.loss(), record.seconds());
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
