package org.deepmetric.train;

import java.nio.file.Path;
import java.util.Locale;
import org.deepmetric.io.AtomicFiles;

/** The seed's closing figures of a training run, and where they came from. */
public record TrainingReport(
    double finalAccuracy, double imagesPerSecond, double millisPerStep, double e2eSeconds,
    long firstStep, long lastStep, int batchSize, String precision, String dataset, String checkpoint) {

  /** The report as the seed's scripts print it, one figure a line. */
  public String text() {
    return String.format(Locale.ROOT, """
        Final Accuracy : %.4f
        Final Performance images/sec : %.1f
        Final Performance ms/step : %.3f
        E2E Training Duration sec : %.2f
        steps : %d-%d
        batch size : %d
        precision : %s
        dataset : %s
        checkpoint : %s
        """, finalAccuracy, imagesPerSecond, millisPerStep, e2eSeconds, firstStep, lastStep, batchSize,
        precision, dataset, checkpoint);
  }

  public void writeTo(Path file) {
    AtomicFiles.writeString(file, text());
  }
}
