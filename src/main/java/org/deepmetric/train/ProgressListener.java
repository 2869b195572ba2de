package org.deepmetric.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar: step, loss, images/s and time left. */
public final class ProgressListener implements TrainingListener {
  private final PrintStream terminal;
  private final String task;
  private ProgressBar bar;
  private double smoothedImagesPerSecond;

  public ProgressListener(PrintStream terminal, String task) {
    this.terminal = terminal;
    this.task = task;
  }

  @Override
  public void onStart(long firstStep, long lastStep) {
    bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(lastStep == Long.MAX_VALUE ? -1 : lastStep)
        .startsFrom(firstStep - 1, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(terminal))
        .build();
  }

  @Override
  public void onStep(StepRecord record) {
    double rate = record.imagesPerSecond();
    smoothedImagesPerSecond = smoothedImagesPerSecond == 0 ? rate : 0.95 * smoothedImagesPerSecond + 0.05 * rate;
    bar.stepTo(record.step());
    String epoch = record.stepInEpoch() == record.step() ? "" : "epoch " + record.epoch() + " ";
    bar.setExtraMessage(String.format(Locale.ROOT, "%sloss %.4f %.0f img/s", epoch, record.loss(),
        smoothedImagesPerSecond));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
