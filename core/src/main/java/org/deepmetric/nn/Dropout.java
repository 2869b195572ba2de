package org.deepmetric.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/** Inverted dropout: keeps each value with probability {@code keep} and scales it by 1/keep; training only. */
public final class Dropout {
  private Dropout() {}

  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, float keep, long seed, long opSeed) {
    Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(x), TFloat32.class,
        RandomUniform.seed(seed), RandomUniform.seed2(opSeed));
    Operand<TFloat32> mask = tf.math.floor(tf.math.add(uniform, tf.constant(keep)));
    return tf.math.mul(x, tf.math.div(mask, tf.constant(keep)));
  }
}
