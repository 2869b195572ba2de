package org.deepmetric.train;

import java.io.PrintWriter;
import java.util.Locale;
import org.deepmetric.io.Progress;

/** Training progress on stderr: step, loss and images/s (smoothed). */
public final class ProgressListener implements TrainingListener {
  private final PrintWriter err;
  private final String task;
  private Progress progress;
  private double smoothedImagesPerSecond;

  public ProgressListener(PrintWriter err, String task) {
    this.err = err;
    this.task = task;
  }

  @Override
  public void onStart(long firstStep, long lastStep) {
    progress = Progress.start(err, task, firstStep - 1, lastStep == Long.MAX_VALUE ? -1 : lastStep);
  }

  @Override
  public void onStep(StepRecord record) {
    double rate = record.imagesPerSecond();
    smoothedImagesPerSecond = smoothedImagesPerSecond == 0 ? rate : 0.95 * smoothedImagesPerSecond + 0.05 * rate;
    double rateNow = smoothedImagesPerSecond;
    progress.stepTo(record.step(), () -> String.format(Locale.ROOT, "%sloss %.4f %.0f img/s",
        record.stepInEpoch() == record.step() ? "" : "epoch " + record.epoch() + " ", record.loss(), rateNow));
  }

  @Override
  public void close() {
    if (progress != null) {
      progress.close();
    }
  }
}
