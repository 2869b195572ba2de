package org.deepmetric.train;

import org.deepmetric.data.reid.Augmentation;
import org.deepmetric.models.ReidGraphSettings;

/**
 * How the re-ID network is trained, as {@code --recipe} spells it: the graph's settings (their
 * reasons are with {@link ReidGraphSettings}), what is done to each crop, whether the learning
 * rate follows a schedule, and the batch size where the user names none. The network and
 * everything exported from it are the same under both.
 *
 * <ul>
 *   <li>{@code seed}: the original's, made for 100,000 GPU steps: {@link ReidGraphSettings#ORIGINAL},
 *       the flip alone, a constant learning rate, batches of 128.
 *   <li>{@code cpu}: for an hour or less on a CPU: {@link ReidGraphSettings#SHORT_RUNS}, crops
 *       augmented for cameras that differ ({@link Augmentation#CAMERAS}), the learning rate warmed
 *       up, then decayed along a cosine over the run's budget of steps or minutes
 *       ({@link LearningRateSchedule}), and batches of 64, since twice the steps in the same minutes
 *       learn more than steps of twice the size.
 *   <li>{@code tricks}: the "bag of tricks" baseline (Luo et al. 2019) as torchreid trains OSNet,
 *       {@link ReidGraphSettings#TRICKS}: label smoothing, the triplet loss with margin 0.3, BNNeck,
 *       batch-norm decay 0.9; {@code cpu}'s augmentation (flip, shift, colour jitter, random
 *       erasing 0.5), schedule and batches of 64 (16 identities x 4 crops).
 * </ul>
 */
public enum Recipe {
  SEED("seed", 128, ReidGraphSettings.ORIGINAL, Augmentation.FLIP_ONLY, false),
  CPU("cpu", 64, ReidGraphSettings.SHORT_RUNS, Augmentation.CAMERAS, true),
  TRICKS("tricks", 64, ReidGraphSettings.TRICKS, Augmentation.CAMERAS, true);

  private final String flag;
  private final int batchSize;
  private final ReidGraphSettings graph;
  private final Augmentation augmentation;
  private final boolean scheduled;

  Recipe(String flag, int batchSize, ReidGraphSettings graph, Augmentation augmentation, boolean scheduled) {
    this.flag = flag;
    this.batchSize = batchSize;
    this.graph = graph;
    this.augmentation = augmentation;
    this.scheduled = scheduled;
  }

  /** Crops per training step where the user names none. */
  public int batchSize() {
    return batchSize;
  }

  /** Batch-norm decay, the cosine-softmax scale's start and decay, the triplet loss's weight. */
  public ReidGraphSettings graph() {
    return graph;
  }

  /** What training does to each crop besides the flip. */
  public Augmentation augmentation() {
    return augmentation;
  }

  /** Whether the learning rate follows a warm-up and a cosine decay instead of staying constant. */
  public boolean scheduled() {
    return scheduled;
  }

  @Override
  public String toString() {
    return flag;
  }

}
