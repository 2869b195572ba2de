package org.deepmetric.train;

import java.nio.file.Path;
import java.util.Objects;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.Precision;

/**
 * A re-identification training run as the original's flags describe it, built from the original's
 * defaults with named steps, as Deep Java Library's {@code DefaultTrainingConfig} is:
 * {@code ReidTrainingConfig.in(runDir).lossMode(TRIPLET).batchSize(64).build()}.
 *
 * <p>{@code numberOfSteps} is the global step to stop at (0: run until stopped); {@code maxMinutes}
 * a wall-clock budget after which training checkpoints and stops (0: none); {@code restorePath}
 * may be null (the run folder's latest checkpoint, else fresh weights).
 */
public final class ReidTrainingConfig {
  public static final int IMAGES_PER_IDENTITY = 4;
  /** The original queued 512 images ahead of the graph. */
  public static final int PREFETCH_IMAGES = 512;

  private final Path runDir;
  private final LossMode lossMode;
  private final Recipe recipe;
  private final int batchSize;
  private final float learningRate;
  private final long numberOfSteps;
  private final double maxMinutes;
  private final Path restorePath;
  private final Precision precision;
  private final double saveIntervalSecs;
  private final double saveSummariesSecs;
  private final int keepCheckpoints;
  private final int loaderThreads;
  private final long seed;
  private final ImageShape imageShape;
  private final ReidNetwork network;

  private ReidTrainingConfig(Builder b) {
    runDir = b.runDir;
    lossMode = b.lossMode;
    recipe = b.recipe;
    batchSize = b.batchSize > 0 ? b.batchSize : b.recipe.batchSize();
    learningRate = b.learningRate;
    numberOfSteps = b.numberOfSteps;
    maxMinutes = b.maxMinutes;
    restorePath = b.restorePath;
    precision = b.precision;
    saveIntervalSecs = b.saveIntervalSecs;
    saveSummariesSecs = b.saveSummariesSecs;
    keepCheckpoints = b.keepCheckpoints;
    loaderThreads = b.loaderThreads;
    seed = b.seed;
    imageShape = b.imageShape;
    network = b.network;
  }

  /** The original's settings for a run in {@code runDir} (LOG_DIR/RUN_ID). */
  public static Builder in(Path runDir) {
    return new Builder(runDir);
  }

  public Path runDir() {
    return runDir;
  }

  public LossMode lossMode() {
    return lossMode;
  }

  public Recipe recipe() {
    return recipe;
  }

  /** Crops per step: as set, else the recipe's default. */
  public int batchSize() {
    return batchSize;
  }

  /** Adam's learning rate; with a scheduled recipe, its peak. */
  public float learningRate() {
    return learningRate;
  }

  public long numberOfSteps() {
    return numberOfSteps;
  }

  public double maxMinutes() {
    return maxMinutes;
  }

  public Path restorePath() {
    return restorePath;
  }

  public Precision precision() {
    return precision;
  }

  public double saveIntervalSecs() {
    return saveIntervalSecs;
  }

  public double saveSummariesSecs() {
    return saveSummariesSecs;
  }

  public int keepCheckpoints() {
    return keepCheckpoints;
  }

  public int loaderThreads() {
    return loaderThreads;
  }

  public long seed() {
    return seed;
  }

  public ImageShape imageShape() {
    return imageShape;
  }

  public ReidNetwork network() {
    return network;
  }


  /** The original's defaults, changed one named step at a time. */
  public static final class Builder {
    private final Path runDir;
    private LossMode lossMode = LossMode.COSINE_SOFTMAX;
    private Recipe recipe = Recipe.SEED;
    private int batchSize;
    private float learningRate = 1e-3f;
    private long numberOfSteps;
    private double maxMinutes;
    private Path restorePath;
    private Precision precision = Precision.FP32;
    private double saveIntervalSecs = 300;
    private double saveSummariesSecs = 60;
    private int keepCheckpoints = 5;
    private int loaderThreads = 4;
    private long seed = 1;
    private ImageShape imageShape = ImageShape.DEFAULT;
    private ReidNetwork network = ReidNetwork.COSINE;

    private Builder(Path runDir) {
      this.runDir = Objects.requireNonNull(runDir, "runDir");
    }

    public Builder lossMode(LossMode value) {
      lossMode = value;
      return this;
    }

    public Builder recipe(Recipe value) {
      recipe = value;
      return this;
    }

    public Builder network(ReidNetwork value) {
      network = value;
      return this;
    }

    /** Crops per step, a multiple of {@link #IMAGES_PER_IDENTITY}; 0 for the recipe's default. */
    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder learningRate(float value) {
      learningRate = value;
      return this;
    }

    public Builder numberOfSteps(long value) {
      numberOfSteps = value;
      return this;
    }

    public Builder maxMinutes(double value) {
      maxMinutes = value;
      return this;
    }

    public Builder restorePath(Path value) {
      restorePath = value;
      return this;
    }

    public Builder precision(Precision value) {
      precision = value;
      return this;
    }

    public Builder saveIntervalSecs(double value) {
      saveIntervalSecs = value;
      return this;
    }

    public Builder saveSummariesSecs(double value) {
      saveSummariesSecs = value;
      return this;
    }

    public Builder keepCheckpoints(int value) {
      keepCheckpoints = value;
      return this;
    }

    public Builder loaderThreads(int value) {
      loaderThreads = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder imageShape(ImageShape value) {
      imageShape = value;
      return this;
    }

    public ReidTrainingConfig build() {
      return new ReidTrainingConfig(this);
    }
  }
}
