package org.deepmetric.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class BatchNormTest {
  /** Four samples of two channels, shaped [4,1,1,2]. */
  private static final float[] X = {1, 10, 2, 20, 3, 30, 6, 60};

  private static float[] read(Result result, int index) {
    TFloat32 t = (TFloat32) result.get(index);
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void trainingNormalisesWithBatchStatisticsAndMovesTheAverages() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, 2)));
      List<Op> updates = new ArrayList<>();
      float decay = 0.99f;
      Operand<TFloat32> y = BatchNorm.apply(tf.withSubScope("bn"), new VariableStore(1), x, true, updates, decay);
      assertEquals(2, updates.size());
      try (Session session = new Session(graph);
           TFloat32 batch = TFloat32.tensorOf(Shape.of(4, 1, 1, 2), DataBuffers.of(X, true, false))) {
        session.initialize();
        float[] normalised;
        try (Result result = runTraining(session, x, batch, y, updates)) {
          normalised = read(result, 0);
        }
        // channel 0 = {1,2,3,6}: mean 3, population variance 3.5, unbiased 14/3
        double std = Math.sqrt(3.5 + BatchNorm.EPSILON);
        assertEquals((1 - 3) / std, normalised[0], 1e-5);
        assertEquals((6 - 3) / std, normalised[6], 1e-5);
        try (Result stats = session.runner().fetch("bn/moving_mean").fetch("bn/moving_variance").run()) {
          float rate = 1 - decay;
          assertArrayEquals(new float[] {3 * rate, 30 * rate}, read(stats, 0), 1e-6f);
          assertArrayEquals(new float[] {1 - (1 - 14f / 3) * rate, 1 - (1 - 1400f / 3) * rate}, read(stats, 1), 1e-4f);
        }
      }
    }
  }

  private static Result runTraining(Session session, Placeholder<TFloat32> x, TFloat32 batch, Operand<TFloat32> y,
      List<Op> updates) {
    Session.Runner runner = session.runner().feed(x, batch).fetch(y);
    updates.forEach(runner::addTarget);
    return runner.run();
  }

  @Test
  void inferenceUsesTheMovingAverages() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, 2)));
      Operand<TFloat32> y = BatchNorm.apply(tf.withSubScope("bn"), new VariableStore(1), x, false, new ArrayList<>(),
          BatchNorm.DECAY);
      try (Session session = new Session(graph);
           TFloat32 batch = TFloat32.tensorOf(Shape.of(4, 1, 1, 2), DataBuffers.of(X, true, false));
           TFloat32 mean = TFloat32.tensorOf(Shape.of(2), DataBuffers.of(new float[] {2, 20}, true, false));
           TFloat32 variance = TFloat32.tensorOf(Shape.of(2), DataBuffers.of(new float[] {4, 100}, true, false));
           TFloat32 beta = TFloat32.tensorOf(Shape.of(2), DataBuffers.of(new float[] {0.5f, -1}, true, false))) {
        session.initialize();
        try (Result result = session.runner().feed(x, batch).feed("bn/moving_mean", mean)
            .feed("bn/moving_variance", variance).feed("bn/beta_read", beta).fetch(y).run()) {
          float[] out = read(result, 0);
          assertEquals((6 - 2) / Math.sqrt(4 + BatchNorm.EPSILON) + 0.5, out[6], 1e-5);
          assertEquals((60 - 20) / Math.sqrt(100 + BatchNorm.EPSILON) - 1, out[7], 1e-5);
        }
      }
    }
  }
}
