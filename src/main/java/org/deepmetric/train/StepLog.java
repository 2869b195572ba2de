package org.deepmetric.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.deepmetric.DeepMetricException;

/** Appends the seed's per-step line to the run's log file: {@code epoch : E----step : S----loss : L----sec/step : T}. */
public final class StepLog implements TrainingListener {
  private final Path file;
  private final BufferedWriter out;

  public StepLog(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot open log file (" + e.getMessage() + ")", e);
    }
  }

  public static String line(StepRecord record) {
    return String.format(Locale.ROOT, "epoch : %d----step : %d----loss : %.6f----sec/step : %.6f",
        record.epoch(), record.stepInEpoch(), record.loss(), record.seconds());
  }

  @Override
  public void onStep(StepRecord record) {
    write(line(record));
  }

  /** Adds a free-form line, such as an epoch's validation accuracy. */
  public void note(String text) {
    write(text);
  }

  private void write(String text) {
    try {
      out.write(text);
      out.newLine();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, long step) {
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
