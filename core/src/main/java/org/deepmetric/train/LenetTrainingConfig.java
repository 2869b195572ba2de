package org.deepmetric.train;

import java.nio.file.Path;
import java.util.Objects;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.nn.Precision;

/**
 * Everything a LeNet training run is told, built from the seed's defaults (batch 64, 1000 steps
 * per epoch, 5 epochs, Adam 1e-3, seed 1, fp32, 5 checkpoints kept, 5000 digits held out) with
 * named steps: {@code LenetTrainingConfig.in(dir).epochs(1).build()}. {@code restorePath} may be
 * null (start fresh); {@code validationSize} is capped at a tenth of the training digits;
 * {@code checkpointNames} says whose variable names the checkpoints carry (the seed's can go back
 * into its LeNet.py).
 */
public final class LenetTrainingConfig {
  private final Path outputDir;
  private final int batchSize;
  private final int stepsPerEpoch;
  private final int epochs;
  private final float learningRate;
  private final long seed;
  private final Precision precision;
  private final Path restorePath;
  private final int keepCheckpoints;
  private final int validationSize;
  private final CheckpointNames checkpointNames;

  private LenetTrainingConfig(Builder b) {
    outputDir = b.outputDir;
    batchSize = b.batchSize;
    stepsPerEpoch = b.stepsPerEpoch;
    epochs = b.epochs;
    learningRate = b.learningRate;
    seed = b.seed;
    precision = b.precision;
    restorePath = b.restorePath;
    keepCheckpoints = b.keepCheckpoints;
    validationSize = b.validationSize;
    checkpointNames = b.checkpointNames;
  }

  /** The seed's settings for a run writing to {@code outputDir}. */
  public static Builder in(Path outputDir) {
    return new Builder(outputDir);
  }

  public Path outputDir() {
    return outputDir;
  }

  public int batchSize() {
    return batchSize;
  }

  public int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  public int epochs() {
    return epochs;
  }

  public float learningRate() {
    return learningRate;
  }

  public long seed() {
    return seed;
  }

  public Precision precision() {
    return precision;
  }

  public Path restorePath() {
    return restorePath;
  }

  public int keepCheckpoints() {
    return keepCheckpoints;
  }

  public int validationSize() {
    return validationSize;
  }

  public CheckpointNames checkpointNames() {
    return checkpointNames;
  }

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

  /** The seed's defaults, changed one named step at a time. */
  public static final class Builder {
    private final Path outputDir;
    private int batchSize = 64;
    private int stepsPerEpoch = 1000;
    private int epochs = 5;
    private float learningRate = 1e-3f;
    private long seed = 1;
    private Precision precision = Precision.FP32;
    private Path restorePath;
    private int keepCheckpoints = 5;
    private int validationSize = 5000;
    private CheckpointNames checkpointNames = CheckpointNames.DEEPMETRIC;

    private Builder(Path outputDir) {
      this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder stepsPerEpoch(int value) {
      stepsPerEpoch = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder learningRate(float value) {
      learningRate = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder precision(Precision value) {
      precision = value;
      return this;
    }

    public Builder restorePath(Path value) {
      restorePath = value;
      return this;
    }

    public Builder keepCheckpoints(int value) {
      keepCheckpoints = value;
      return this;
    }

    public Builder validationSize(int value) {
      validationSize = value;
      return this;
    }

    public Builder checkpointNames(CheckpointNames value) {
      checkpointNames = value;
      return this;
    }

    public LenetTrainingConfig build() {
      return new LenetTrainingConfig(this);
    }
  }
}
