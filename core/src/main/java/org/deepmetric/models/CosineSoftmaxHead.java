package org.deepmetric.models;

import org.deepmetric.nn.Initializer;
import org.deepmetric.nn.VariableStore;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * The cosine-softmax classifier: class mean vectors {@code mean_vectors} (128 x C, truncated
 * normal 1e-3), each column L2-normalised, and a learnt scale kappa = softplus({@code scale}),
 * {@code scale} starting where the {@link ReidGraphSettings} say (0 in the original) with its L2 decay (0.1
 * in the original). logits = kappa * features . normalised means.
 */
public record CosineSoftmaxHead(Operand<TFloat32> logits, Operand<TFloat32> kappa) {
  public static CosineSoftmaxHead build(Ops tf, VariableStore variables, Operand<TFloat32> features, int numClasses,
      ReidGraphSettings settings) {
    return buildForDimension(tf, variables, features, CosineMetricNet.FEATURE_DIM, numClasses, settings);
  }

  /** The head over features of any dimension (the network's is 128). */
  public static CosineSoftmaxHead buildForDimension(Ops tf, VariableStore variables, Operand<TFloat32> features,
      int dimension, int numClasses, ReidGraphSettings settings) {
    Ops scoped = tf.withSubScope("ball");
    Operand<TFloat32> means = variables.trainable(scoped, "mean_vectors", Shape.of(dimension, numClasses),
        CosineMetricNet.WEIGHTS);
    Operand<TFloat32> scale = variables.trainable(scoped, "scale", Shape.scalar(),
        Initializer.constant(settings.initialScale()), settings.scaleDecay());
    Operand<TFloat32> kappa = scoped.withName("kappa").math.softplus(scale);
    Operand<TFloat32> columnSquares = scoped.reduceSum(scoped.math.square(means), scoped.constant(0),
        ReduceSum.keepDims(true));
    Operand<TFloat32> normalised = scoped.math.mul(means,
        scoped.math.rsqrt(scoped.math.maximum(columnSquares, scoped.constant(1e-12f))));
    Operand<TFloat32> logits = scoped.math.mul(kappa, scoped.linalg.matMul(features, normalised));
    return new CosineSoftmaxHead(logits, kappa);
  }
}
