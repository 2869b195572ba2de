package org.deepmetric.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Unique;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.linalg.MatMul;

/**
 * Unimodal magnet loss (Rippel et al. 2016), margin 1, epsilon 1e-4: each sample against the
 * means of the classes in the batch, scaled by the batch's own-class variance.
 *
 * <pre>
 * D_ik = |x_i - mu_k|^2,  s2 = sum of own-class D / (N - 1)
 * L_ik = -D_ik / (2 (s2 + eps)) - margin [k = y_i], minus each row's maximum, exponentiated
 * loss = mean max(0, -log(eps + a_i / (eps + b_i)))   a_i own-class term, b_i the others' sum
 * </pre>
 */
public final class MagnetLoss {
  public static final float MARGIN = 1f;
  public static final float EPSILON = 1e-4f;

  private MagnetLoss() {}

  public static Operand<TFloat32> build(Ops tf, Operand<TFloat32> features, Operand<TInt32> labels) {
    Ops scoped = tf.withSubScope("magnet");
    Unique<TInt32, TInt32> unique = scoped.unique(labels, scoped.constant(new int[] {0}));
    Operand<TFloat32> member = PairwiseDistances.sameLabel(scoped, labels, unique.y());
    Operand<TFloat32> counts = scoped.reduceSum(member, scoped.constant(0), ReduceSum.keepDims(true));
    Operand<TFloat32> means = scoped.math.div(
        scoped.linalg.matMul(member, features, MatMul.transposeA(true)),
        scoped.reshape(counts, scoped.constant(new long[] {-1, 1})));
    Operand<TFloat32> distance = PairwiseDistances.squared(scoped, features, means);
    Operand<TFloat32> batchSize = scoped.dtypes.cast(scoped.size(labels), TFloat32.class);
    Operand<TFloat32> variance = scoped.math.div(scoped.reduceSum(scoped.math.mul(member, distance),
        scoped.constant(new int[] {0, 1})), scoped.math.sub(batchSize, scoped.constant(1f)));
    Operand<TFloat32> logits = scoped.math.sub(
        scoped.math.div(scoped.math.neg(distance), scoped.math.mul(scoped.constant(2f),
            scoped.math.add(variance, scoped.constant(EPSILON)))),
        scoped.math.mul(scoped.constant(MARGIN), member));
    // The row maximum only keeps exp() in range; it cancels in the ratio, so no gradient through it.
    Operand<TFloat32> shifted = scoped.math.sub(logits,
        scoped.stopGradient(scoped.max(logits, scoped.constant(1), Max.keepDims(true))));
    Operand<TFloat32> exp = scoped.math.exp(shifted);
    Operand<TInt32> rows = scoped.constant(1);
    Operand<TFloat32> own = scoped.reduceSum(scoped.math.mul(member, exp), rows);
    Operand<TFloat32> others = scoped.reduceSum(scoped.math.mul(scoped.math.sub(scoped.constant(1f), member), exp), rows);
    Operand<TFloat32> ratio = scoped.math.div(own, scoped.math.add(scoped.constant(EPSILON), others));
    Operand<TFloat32> perSample = scoped.math.maximum(scoped.constant(0f),
        scoped.math.neg(scoped.math.log(scoped.math.add(scoped.constant(EPSILON), ratio))));
    return scoped.math.mean(perSample, scoped.constant(0));
  }
}
