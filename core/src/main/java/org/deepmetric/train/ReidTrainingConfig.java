package org.deepmetric.train;

import java.nio.file.Path;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.Recipe;
import org.deepmetric.nn.Precision;

/**
 * A re-identification training run as the original's flags describe it. {@code numberOfSteps}
 * is the global step to stop at (0: run until stopped); {@code maxMinutes} a wall-clock budget after
 * which training checkpoints and stops (0: none); {@code restorePath} may be null; {@code recipe}
 * sets batch-norm decay and the cosine-softmax scale's start.
 */
public record ReidTrainingConfig(Path logDir, String runId, LossMode lossMode, int batchSize, float learningRate,
    long numberOfSteps, Path restorePath, Precision precision, double saveIntervalSecs, double saveSummariesSecs,
    int keepCheckpoints, int loaderThreads, long seed, ImageShape imageShape, double maxMinutes,
    Recipe recipe) {
  public static final int IMAGES_PER_IDENTITY = 4;
  /** The original queued 512 images ahead of the graph. */
  public static final int PREFETCH_IMAGES = 512;

  public Path runDir() {
    return logDir.resolve(runId);
  }
}
