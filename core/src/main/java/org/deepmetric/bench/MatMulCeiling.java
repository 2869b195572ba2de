package org.deepmetric.bench;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * The machine's practical FLOP ceiling: a large square matrix product through TensorFlow (the
 * same oneDNN kernels the networks use), in float32 or bfloat16. Inputs live in variables so only
 * the product is timed; a reduction keeps TensorFlow from skipping it.
 */
final class MatMulCeiling {
  private MatMulCeiling() {}

  static double gflops(Class<? extends TFloating> type, int n, int calls, int repeats) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Operand<? extends TFloating> product = product(tf, n, type);
      Operand<?> checksum = tf.reduceSum(product, tf.constant(new int[] {0, 1}));
      try (Session session = new Session(graph)) {
        session.initialize();
        double seconds = Timing.medianSeconds(() -> session.runner().fetch(checksum).run().close(), 2, calls, repeats);
        return 2.0 * n * n * (double) n / seconds / 1e9;
      }
    }
  }

  private static <T extends TFloating> Operand<T> product(Ops tf, int n, Class<T> type) {
    return tf.linalg.matMul(matrix(tf, n, type, 1), matrix(tf, n, type, 2));
  }

  /** An n x n variable of random values, already in {@code type} so no cast is timed. */
  private static <T extends TFloating> Operand<T> matrix(Ops tf, int n, Class<T> type, long seed) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> values = init.random.randomUniform(init.constant(Shape.of(n, n)), TFloat32.class,
        RandomUniform.seed(seed));
    return tf.variable(init.dtypes.cast(values, type));
  }
}
