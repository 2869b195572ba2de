package org.deepmetric.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class DropoutTest {
  private static final float KEEP = 0.6f;

  /** One graph: x [N, 7] (7 values per row, so the bit words do not divide evenly), dropout, and its gradient. */
  private static final class Fixture implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session;
    final Placeholder<TFloat32> x;
    final Placeholder<TInt64> step;
    final Operand<TFloat32> y;
    final Operand<TFloat32> second;
    final Operand<TFloat32> gradient;

    Fixture(long seed) {
      Ops tf = Ops.create(graph);
      x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 7)));
      step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Dropout dropout = Dropout.seeded(step, seed);
      y = dropout.apply(tf, x, KEEP);
      second = dropout.apply(tf, x, KEEP);
      gradient = tf.gradients(tf.reduceSum(y, tf.constant(new int[] {0, 1})), List.of(x)).dy(0);
      session = new Session(graph);
    }

    float[][] run(float[] input, long stepValue) {
      try (TFloat32 in = TFloat32.tensorOf(Shape.of(input.length / 7, 7), DataBuffers.of(input, true, false));
           TInt64 s = TInt64.scalarOf(stepValue);
           Result result = session.runner().feed(x, in).feed(step, s).fetch(y).fetch(second).fetch(gradient).run()) {
        float[][] out = new float[3][input.length];
        for (int i = 0; i < 3; i++) {
          ((TFloat32) result.get(i)).copyTo(DataBuffers.of(out[i], false, false));
        }
        return out;
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private static float[] ones(int n) {
    float[] v = new float[n];
    Arrays.fill(v, 1f);
    return v;
  }

  @Test
  void keepsTheAskedFractionAndScalesTheKeptValuesByItsInverse() {
    float scale = (float) (1 / Dropout.keptFraction(KEEP));
    assertEquals(39_322 / 65_536.0, Dropout.keptFraction(KEEP), 1e-12);
    int n = 7 * 20_001;
    try (Fixture f = new Fixture(3)) {
      float[] out = f.run(ones(n), 0)[0];
      int kept = 0;
      double sum = 0;
      for (float v : out) {
        assertTrue(v == 0f || v == scale, "value " + v + " is neither dropped nor scaled");
        kept += v == 0f ? 0 : 1;
        sum += v;
      }
      // Binomial(n, 0.6): five standard deviations are about 0.0066 of n here.
      assertEquals(0.6, kept / (double) n, 0.0066);
      assertEquals(1.0, sum / n, 0.011);
    }
  }

  @Test
  void theGradientPassesThroughTheKeptValuesOnly() {
    try (Fixture f = new Fixture(3)) {
      float[] input = new float[7 * 50];
      for (int i = 0; i < input.length; i++) {
        input[i] = 0.5f + i;
      }
      float[][] out = f.run(input, 4);
      for (int i = 0; i < input.length; i++) {
        float gain = out[0][i] / input[i];
        assertEquals(gain, out[2][i], 1e-4f, "value " + i);
      }
    }
  }

  @Test
  void masksChangeWithTheStepAndTheSiteAndRepeatForTheSameStepAndSeed() {
    float[] input = ones(7 * 100);
    try (Fixture a = new Fixture(3); Fixture b = new Fixture(3); Fixture c = new Fixture(4)) {
      float[][] step5 = a.run(input, 5);
      assertArrayEquals(step5[0], a.run(input, 5)[0]);
      assertArrayEquals(step5[0], b.run(input, 5)[0], "same seed and step, another graph");
      assertFalse(Arrays.equals(step5[0], a.run(input, 6)[0]), "the next step draws a new mask");
      assertFalse(Arrays.equals(step5[0], step5[1]), "each dropout site draws its own mask");
      assertFalse(Arrays.equals(step5[0], c.run(input, 5)[0]), "another seed draws another mask");
    }
  }

  @Test
  void keepingEverythingIsTheIdentityAndAnImpossibleProbabilityIsRefused() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Dropout dropout = Dropout.seeded(tf.constant(0L), 1);
      Operand<TFloat32> x = tf.constant(new float[] {1, 2, 3});
      assertEquals(x, dropout.apply(tf, x, 1f));
      assertThrows(IllegalArgumentException.class, () -> dropout.apply(tf, x, 0f));
      assertThrows(IllegalArgumentException.class, () -> dropout.apply(tf, x, 1e-6f));
      assertThrows(IllegalArgumentException.class, () -> dropout.apply(tf, x, 1.5f));
    }
  }
}
