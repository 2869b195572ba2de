package org.deepmetric.models;

import org.deepmetric.nn.BatchNorm;

/**
 * The parts of a training recipe that live in the re-ID training graph; the network and
 * everything exported from it are the same under all of them.
 *
 * @param batchNormDecay each training step moves the batch-norm moving averages 1 - decay of the
 *     way to the batch's statistics
 * @param initialScale the start of the cosine-softmax's raw scale s (kappa = softplus(s))
 * @param scaleDecay the L2 decay on s
 * @param tripletWeight the weight of the batch-hard triplet loss added to a classifier's loss
 *     (0: the classifier alone); the triplet and magnet modes are not changed by it
 * @param labelSmoothing the classifier's label smoothing (0: none)
 * @param tripletMargin the triplet loss's margin (0: the soft margin)
 * @param bnNeck BNNeck (Luo et al. 2019): the triplet loss on the features, the classifier and the
 *     exported features after one more batch norm without a learnt centre
 */
public record ReidGraphSettings(float batchNormDecay, float initialScale, float scaleDecay, float tripletWeight,
    float labelSmoothing, float tripletMargin, boolean bnNeck) {
  /**
   * The original's, made for 100,000 GPU steps: decay 0.999 (after 300 steps the averages have
   * moved only 26% of the way from their start, so a short run is evaluated with wrong
   * statistics), and kappa starting at softplus(0) = 0.69 with L2 decay 0.1 on s, which keeps the
   * logits too flat to separate classes for thousands of steps.
   */
  public static final ReidGraphSettings ORIGINAL = new ReidGraphSettings(BatchNorm.DECAY, 0f, 0.1f, 0f, 0f, 0f, false);

  /**
   * For runs of a few hundred steps: decay 0.99 (95% of the way after 300 steps); kappa starting
   * at 10 with no decay on s, a scale at which softmax over cosines is sharp from the first step,
   * as in normalised-softmax re-ID baselines; and the batch-hard triplet loss added at weight 1,
   * as the "bag of tricks" re-ID baseline pairs an identity loss with a triplet loss, so that
   * distances between people are trained directly and not only through the class means.
   */
  public static final ReidGraphSettings SHORT_RUNS =
      new ReidGraphSettings(0.99f, (float) Math.log(Math.expm1(10)), 0f, 1f, 0f, 0f, false);

  /**
   * The "bag of tricks" baseline's (Luo et al. 2019), as torchreid trains OSNet: batch-norm decay
   * 0.9 (PyTorch's momentum 0.1), the triplet loss at weight 1 with margin 0.3, label smoothing
   * 0.1, BNNeck; the cosine-softmax's scale as in {@link #SHORT_RUNS} where that head is used.
   */
  public static final ReidGraphSettings TRICKS =
      new ReidGraphSettings(BatchNorm.TORCH_DECAY, (float) Math.log(Math.expm1(10)), 0f, 1f, 0.1f, 0.3f, true);
}
