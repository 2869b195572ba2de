package org.deepmetric.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Squared Euclidean distances between the rows of a and b, from |a|^2 + |b|^2 - 2 a.b (one matrix product). */
final class PairwiseDistances {
  private PairwiseDistances() {}

  static Operand<TFloat32> squared(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Operand<TFloat32> aa = tf.reduceSum(tf.math.square(a), tf.constant(1), ReduceSum.keepDims(true));
    Operand<TFloat32> bb = tf.reshape(tf.reduceSum(tf.math.square(b), tf.constant(1)), tf.constant(new long[] {1, -1}));
    Operand<TFloat32> ab = tf.linalg.matMul(a, b, MatMul.transposeB(true));
    return tf.math.sub(tf.math.add(aa, bb), tf.math.mul(tf.constant(2f), ab));
  }

  /** 1 where labels i and j are equal, else 0, as an N x M float matrix. */
  static Operand<TFloat32> sameLabel(Ops tf, Operand<?> rows, Operand<?> cols) {
    @SuppressWarnings("unchecked")
    Operand<TInt32> r = (Operand<TInt32>) rows;
    @SuppressWarnings("unchecked")
    Operand<TInt32> c = (Operand<TInt32>) cols;
    return tf.dtypes.cast(tf.math.equal(tf.reshape(r, tf.constant(new long[] {-1, 1})),
        tf.reshape(c, tf.constant(new long[] {1, -1}))), TFloat32.class);
  }
}
