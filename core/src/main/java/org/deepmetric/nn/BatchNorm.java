package org.deepmetric.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalisation as the cosine-metric network uses it: a learnt centre (beta), no scale
 * (gamma fixed at 1), epsilon 1e-3. In training it normalises with the batch's statistics and
 * adds the moving-average updates (decay 0.999 in the original) to {@code updates}, which the train op runs; at
 * inference it uses the moving averages. Computes in float32 whatever the layers' precision.
 */
public final class BatchNorm {
  /** The original's moving-average decay. */
  public static final float DECAY = 0.999f;
  public static final float EPSILON = 1e-3f;

  private BatchNorm() {}

  /** PyTorch's BatchNorm epsilon. */
  public static final float TORCH_EPSILON = 1e-5f;
  /** PyTorch's default momentum 0.1, as a decay. */
  public static final float TORCH_DECAY = 0.9f;

  /** Normalises NHWC {@code x} over N, H and W, per channel; {@code decay} matters in training only. */
  public static Operand<TFloat32> apply(Ops scoped, VariableStore variables, Operand<TFloat32> x, boolean training,
      List<Op> updates, float decay) {
    return normalize(scoped, variables, x, training, updates, decay, EPSILON, false, true);
  }

  /**
   * PyTorch's {@code BatchNorm2d}: a learnt scale (gamma, from 1) and, unless {@code centre} is
   * false (BNNeck's frozen bias), a learnt centre (beta, from 0); epsilon 1e-5.
   */
  public static Operand<TFloat32> affine(Ops scoped, VariableStore variables, Operand<TFloat32> x, boolean training,
      List<Op> updates, float decay, boolean centre) {
    return normalize(scoped, variables, x, training, updates, decay, TORCH_EPSILON, true, centre);
  }

  private static Operand<TFloat32> normalize(Ops scoped, VariableStore variables, Operand<TFloat32> x,
      boolean training, List<Op> updates, float decay, float epsilon, boolean scale, boolean centre) {
    long channels = x.shape().get(x.shape().numDimensions() - 1);
    Shape shape = Shape.of(channels);
    Operand<TFloat32> beta = centre ? variables.trainable(scoped, "beta", shape, Initializer.zeros())
        : scoped.fill(scoped.constant(new long[] {channels}), scoped.constant(0f));
    Variable<TFloat32> movingMean = variables.nonTrainable(scoped, "moving_mean", shape, Initializer.zeros());
    Variable<TFloat32> movingVariance = variables.nonTrainable(scoped, "moving_variance", shape, Initializer.constant(1f));
    Operand<TFloat32> gamma = scale ? variables.trainable(scoped, "gamma", shape, Initializer.constant(1f))
        : scoped.fill(scoped.constant(new long[] {channels}), scoped.constant(1f));
    if (!training) {
      return scoped.nn.fusedBatchNorm(x, gamma, beta, movingMean, movingVariance,
          FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false)).y();
    }
    Operand<TFloat32> empty = scoped.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> norm = scoped.nn.fusedBatchNorm(x, gamma, beta, empty, empty,
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(true));
    Operand<TFloat32> rate = scoped.constant(1f - decay);
    updates.add(scoped.assignSub(movingMean, scoped.math.mul(scoped.math.sub(movingMean, norm.batchMean()), rate)));
    updates.add(scoped.assignSub(movingVariance,
        scoped.math.mul(scoped.math.sub(movingVariance, norm.batchVariance()), rate)));
    return norm.y();
  }
}
