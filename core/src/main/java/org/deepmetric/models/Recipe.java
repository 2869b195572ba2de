package org.deepmetric.models;

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
 *       first step, as in normalised-softmax re-ID baselines.
 * </ul>
 */
public enum Recipe {
  SEED("seed", BatchNorm.DECAY, 0f, 0.1f),
  CPU("cpu", 0.99f, (float) Math.log(Math.expm1(10)), 0f);

  private final String flag;
  private final float batchNormDecay;
  private final float initialScale;
  private final float scaleDecay;

  Recipe(String flag, float batchNormDecay, float initialScale, float scaleDecay) {
    this.flag = flag;
    this.batchNormDecay = batchNormDecay;
    this.initialScale = initialScale;
    this.scaleDecay = scaleDecay;
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

  @Override
  public String toString() {
    return flag;
  }
}
