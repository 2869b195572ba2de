package org.deepmetric.models;

import org.deepmetric.data.reid.Augmentation;
import org.deepmetric.nn.BatchNorm;

/**
 * How the re-ID network is trained, as {@code --recipe} spells it; the network and everything
 * exported from it are the same under both.
 *
 * <ul>
 *   <li>{@code seed}: the original's, made for 100,000 GPU steps: batch-norm moving averages with
 *       decay 0.999 (after 300 steps they have moved only 26% of the way from their start, so a
 *       short run is evaluated with wrong statistics), and the cosine-softmax scale kappa =
 *       softplus(s) starting at softplus(0) = 0.69 with L2 decay 0.1 on s, which keeps the
 *       logits too flat to separate classes for thousands of steps.
 *   <li>{@code cpu}: for runs of a few hundred steps: decay 0.99 (95% after 300 steps) and kappa
 *       starting at 10 with no decay on s, a scale at which softmax over cosines is sharp from the
 *       first step, as in normalised-softmax re-ID baselines; the batch-hard triplet loss
 *       added to the cosine-softmax loss, as the "bag of tricks" re-ID baseline pairs an identity
 *       loss with a triplet loss, so that distances between people are trained directly and not
 *       only through the class means; crops augmented for cameras that
 *       differ ({@link Augmentation#CAMERAS}); and the learning rate warmed up, then decayed along
 *       a cosine over the run's budget of steps or minutes; batches of 64
 *       rather than 128.
 * </ul>
 */
public enum Recipe {
  SEED("seed", 128, BatchNorm.DECAY, 0f, 0.1f, 0f, Augmentation.FLIP_ONLY, false),
  CPU("cpu", 64, 0.99f, (float) Math.log(Math.expm1(10)), 0f, 1f, Augmentation.CAMERAS, true);

  private final String flag;
  private final int batchSize;
  private final float batchNormDecay;
  private final float initialScale;
  private final float scaleDecay;
  private final float tripletWeight;
  private final Augmentation augmentation;
  private final boolean scheduled;

  Recipe(String flag, int batchSize, float batchNormDecay, float initialScale, float scaleDecay, float tripletWeight,
      Augmentation augmentation, boolean scheduled) {
    this.flag = flag;
    this.batchSize = batchSize;
    this.batchNormDecay = batchNormDecay;
    this.initialScale = initialScale;
    this.scaleDecay = scaleDecay;
    this.tripletWeight = tripletWeight;
    this.augmentation = augmentation;
    this.scheduled = scheduled;
  }

  /**
   * Crops per training step where the user names none: the original's 128, or 64 for CPU runs,
   * where twice the steps in the same minutes learn more than steps of twice the size.
   */
  public int batchSize() {
    return batchSize;
  }

  /** The moving averages' decay: each training step moves them 1 - decay of the way to the batch's. */
  public float batchNormDecay() {
    return batchNormDecay;
  }

  /** The start of the cosine-softmax's raw scale s (kappa = softplus(s)). */
  public float initialScale() {
    return initialScale;
  }

  /** The L2 decay on s. */
  public float scaleDecay() {
    return scaleDecay;
  }

  /**
   * The weight of the batch-hard triplet loss added to the cosine-softmax loss (0: cosine-softmax
   * alone, as in the original); the triplet and magnet modes are not changed by it.
   */
  public float tripletWeight() {
    return tripletWeight;
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
