package org.deepmetric.cli;

import org.deepmetric.train.ReidTraining;
import org.deepmetric.train.ReidTrainingConfig;
import picocli.CommandLine;

/** {@code --mode=train}: trains in LOG_DIR/RUN_ID, resuming its latest checkpoint. */
final class ReidTrainMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    // Without --batch_size the recipe picks: 128 as the original, 64 for --recipe cpu.
    int batchSize = c.spec.commandLine().getParseResult().hasMatchedOption("--batch_size") ? c.batch.batchSize
        : c.recipe.batchSize();
    if (batchSize % ReidTrainingConfig.IMAGES_PER_IDENTITY != 0) {
      throw new CommandLine.ParameterException(c.spec.commandLine(), "--batch_size must be a multiple of "
          + ReidTrainingConfig.IMAGES_PER_IDENTITY + " (images per identity), got " + batchSize);
    }
    ReidTrainingConfig config = new ReidTrainingConfig(c.runDir().getParent(), c.runDir().getFileName().toString(),
        c.lossMode, batchSize, c.learningRate, c.numberOfSteps, c.restore.restorePath, c.effectivePrecision(),
        c.saveIntervalSecs, c.saveSummariesSecs, c.keepCheckpoints, c.loader.loaderThreads, c.seed, c.imageShape(),
        c.maxMinutes, c.recipe);
    new ReidTraining(config, c.out(), c.err()).run(c.openDataset());
  }
}
