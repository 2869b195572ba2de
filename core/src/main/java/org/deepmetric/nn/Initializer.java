package org.deepmetric.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Initial values of a variable, drawn by TensorFlow's stateless random ops from an explicit
 * seed, so a given {@code --seed} always gives the same weights.
 */
@FunctionalInterface
public interface Initializer {
  /** The initial value of a variable of {@code shape}, built with {@code tf} (an init scope). */
  Operand<TFloat32> initialValue(Ops tf, Shape shape, long seed);

  /**
   * Glorot (Xavier) uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)), with the
   * fans Keras uses (a 1-D shape counts as both). Written here because tensorflow-framework
   * 1.1.0's Glorot uniform draws only from [0, limit), which saturates sigmoid networks.
   */
  static Initializer glorotUniform() {
    return (tf, shape, seed) -> {
      long receptive = 1;
      for (int i = 0; i < shape.numDimensions() - 2; i++) {
        receptive *= shape.get(i);
      }
      int rank = shape.numDimensions();
      long fanIn = rank == 1 ? shape.get(0) : receptive * shape.get(rank - 2);
      long fanOut = rank == 1 ? shape.get(0) : receptive * shape.get(rank - 1);
      float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
      Operand<TFloat32> unit = tf.random.statelessRandomUniform(tf.constant(shape), seedPair(tf, seed));
      return tf.math.mul(tf.math.sub(tf.math.mul(unit, tf.constant(2f)), tf.constant(1f)), tf.constant(limit));
    };
  }

  /** N(0, stddev) with draws beyond two standard deviations redrawn, as tf.truncated_normal. */
  static Initializer truncatedNormal(float stddev) {
    return (tf, shape, seed) -> tf.math.mul(
        tf.random.statelessTruncatedNormal(tf.constant(shape), seedPair(tf, seed)), tf.constant(stddev));
  }

  /** N(0, stddev), as PyTorch's normal_ and, with stddev sqrt(2 / fan_out), its kaiming_normal_ (fan out, ReLU). */
  static Initializer normal(float stddev) {
    return (tf, shape, seed) -> tf.math.mul(
        tf.random.statelessRandomNormal(tf.constant(shape), seedPair(tf, seed)), tf.constant(stddev));
  }

  /** All zeros. */
  static Initializer zeros() {
    return (tf, shape, seed) -> tf.zeros(tf.constant(shape), TFloat32.class);
  }

  /** Every element {@code value}. */
  static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(value));
  }

  private static Operand<TInt64> seedPair(Ops tf, long seed) {
    return tf.constant(new long[] {seed, seed >>> 32 ^ 0x5DEECE66DL});
  }
}
