package org.deepmetric.train;

import java.nio.file.Path;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.nn.Precision;

/**
 * Everything a LeNet training run is told; the seed's defaults (batch 64, 1000 steps per epoch,
 * 5 epochs, Adam 1e-3) are the flags' defaults in {@code lenet train}. {@code restorePath} may be
 * null (start fresh); {@code validationSize} is capped at a tenth of the training digits;
 * {@code checkpointNames} says whose variable names the checkpoints carry (the seed's can go back
 * into its LeNet.py).
 */
public record LenetTrainingConfig(Path outputDir, int batchSize, int stepsPerEpoch, int epochs, float learningRate,
    long seed, Precision precision, Path restorePath, int keepCheckpoints, int validationSize,
    CheckpointNames checkpointNames) {
  public Path checkpointDir() {
    return outputDir.resolve("checkpoints");
  }

  public Path logFile() {
    return outputDir.resolve("train.log");
  }

  public Path eventDir() {
    return outputDir.resolve("train");
  }

  public Path reportFile() {
    return outputDir.resolve("report.txt");
  }
}
