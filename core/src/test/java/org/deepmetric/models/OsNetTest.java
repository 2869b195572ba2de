package org.deepmetric.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepmetric.nn.Layers;
import org.deepmetric.nn.VariableStore;
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
import org.tensorflow.types.TUint8;

class OsNetTest {
  /** Parameters of torchreid's OSNet at these channels, counted from its definition (without the classifier). */
  static long definitionCount(int[] c) {
    long n = 3L * 49 * c[0] + 2L * c[0];
    int[][] blocks = {{c[0], c[1]}, {c[1], c[1]}, {c[1], c[2]}, {c[2], c[2]}, {c[2], c[3]}, {c[3], c[3]}};
    for (int[] b : blocks) {
      long in = b[0];
      long out = b[1];
      long m = out / 4;
      long r = Math.max(m / 16, 1);
      n += in * m + 2 * m;
      n += 10 * (m * m + 9 * m + 2 * m);
      n += m * r + r + r * m + m;
      n += m * out + 2 * out;
      if (in != out) {
        n += in * out + 2 * out;
      }
    }
    n += (long) c[1] * c[1] + 2L * c[1] + (long) c[2] * c[2] + 2L * c[2];
    n += (long) c[3] * c[3] + 2L * c[3];
    n += (long) c[3] * 512 + 512 + 2 * 512;
    return n;
  }

  @Test
  void everyWidthHasTheDefinitionsParametersAnd512Features() {
    for (double width : new double[] {0.25, 0.5, 0.75, 1.0}) {
      try (Graph graph = new Graph()) {
        Ops tf = Ops.create(graph);
        VariableStore variables = new VariableStore(1);
        Placeholder<TUint8> images = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, 64, 32, 3)));
        Operand<TFloat32> features = OsNet.features(new Layers<>(tf, variables, TFloat32.class, OsNet.WEIGHT_DECAY),
            images, width, false, new ArrayList<>(), 0.9f);
        assertArrayEquals(new long[] {-1, 512}, features.shape().asArray(), "width " + width);
        long count = variables.trainables().stream().mapToLong(t -> t.variable().shape().size()).sum();
        assertEquals(definitionCount(OsNet.channels(width)), count, "width " + width);
      }
    }
    // The same architecture as a PyTorch module (torch 2.13, parameters without neck and classifier)
    // has these counts; torchreid's model zoo rounds them to 2.2M and 0.2M.
    assertEquals(2_169_508, definitionCount(OsNet.channels(1.0)));
    assertEquals(201_864, definitionCount(OsNet.channels(0.25)));
  }

  /** Every op of the network has a gradient in TensorFlow's registry, and one step of plain descent runs. */
  @Test
  void trainsAStep() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      VariableStore variables = new VariableStore(1);
      Placeholder<TUint8> images = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, 64, 32, 3)));
      List<Op> updates = new ArrayList<>();
      Operand<TFloat32> features = OsNet.features(new Layers<>(tf, variables, TFloat32.class, OsNet.WEIGHT_DECAY),
          images, 0.25, true, updates, 0.9f);
      Operand<TFloat32> loss = tf.math.mean(tf.math.square(features), tf.constant(new int[] {0, 1}));
      List<Operand<TFloat32>> reads = variables.trainables().stream().map(VariableStore.Trainable::read).toList();
      var gradients = tf.gradients(loss, reads);
      assertEquals(reads.size(), gradients.dy().size());
      try (Session session = new Session(graph)) {
        session.initialize();
        byte[] pixels = new byte[2 * 64 * 32 * 3];
        new java.util.Random(1).nextBytes(pixels);
        try (TUint8 x = TUint8.tensorOf(Shape.of(2, 64, 32, 3), DataBuffers.of(pixels, true, false));
             Result result = session.runner().feed(images, x).fetch(loss).fetch(gradients.dy(0)).run()) {
          float value = ((TFloat32) result.get(0)).getFloat();
          assertTrue(value > 0 && Float.isFinite(value), "loss " + value);
        }
      }
    }
  }

  /**
   * One OS block (8 -> 8 channels, so 2 in the streams and 1 in the gate) on a 3 x 3 input,
   * every weight, scale and bias drawn at random, against the block computed here in plain loops
   * from its definition: inference batch norm with moving mean 0 and variance 1.
   */
  @Test
  void anOsBlockIsItsDefinition() {
    int h = 3;
    int w = 3;
    int c = 8;
    int m = 2;
    java.util.Random random = new java.util.Random(7);
    float[] input = new float[h * w * c];
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) random.nextGaussian();
    }
    java.util.Map<String, float[]> v = new java.util.HashMap<>();
    float[] output;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      VariableStore variables = new VariableStore(1);
      Operand<TFloat32> x = tf.constant(reshape(input, h, w, c));
      Operand<TFloat32> y = OsNet.inferenceBlock(new Layers<>(tf, variables, TFloat32.class, 0f), x, c);
      List<Op> assigns = new ArrayList<>();
      for (VariableStore.Trainable t : variables.trainables()) {
        float[] values = new float[(int) t.variable().shape().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (t.name().endsWith("gamma") ? 0.5 + random.nextDouble() : random.nextGaussian() * 0.5);
        }
        v.put(t.name(), values);
        assigns.add(tf.assign(t.variable(), tf.reshape(tf.constant(values), tf.constant(t.variable().shape()))));
      }
      try (Session session = new Session(graph)) {
        session.initialize();
        Session.Runner runner = session.runner();
        assigns.forEach(runner::addTarget);
        runner.run().close();
        try (Result result = session.runner().fetch(y).run()) {
          output = new float[h * w * c];
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(output, false, false));
        }
      }
    }
    float[] expected = Block.of(v, input, h, w, c, m);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], output[i], 1e-4, "element " + i);
    }
  }

  private static float[][][][] reshape(float[] values, int h, int w, int c) {
    float[][][][] out = new float[1][h][w][c];
    for (int i = 0; i < values.length; i++) {
      out[0][i / (w * c)][i / c % w][i % c] = values[i];
    }
    return out;
  }

  /** The OS block in plain loops over an H x W x C map (row-major, channels last). */
  private record Block(java.util.Map<String, float[]> v, int h, int w) {
    static float[] of(java.util.Map<String, float[]> v, float[] x, int h, int w, int c, int m) {
      Block b = new Block(v, h, w);
      float[] mid = b.relu(b.bn("conv1/bn", b.conv1x1("conv1/conv/weights", x, c, m), m));
      float[] sum = new float[h * w * m];
      for (int depth = 1; depth <= 4; depth++) {
        float[] y = mid;
        for (int i = 1; i <= depth; i++) {
          String lite = "stream" + depth + "/lite" + i + "/";
          y = b.conv1x1(lite + "conv1x1/weights", y, m, m);
          y = b.relu(b.bn(lite + "bn", b.depthwise3x3(lite + "depthwise/weights", y, m), m));
        }
        float[] gate = b.gate(y, m);
        for (int i = 0; i < sum.length; i++) {
          sum[i] += y[i] * gate[i % m];
        }
      }
      float[] out = b.bn("conv3/bn", b.conv1x1("conv3/conv/weights", sum, m, c), c);
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.max(0, out[i] + x[i]);
      }
      return out;
    }

    float[] get(String suffix) {
      return v.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).findFirst().orElseThrow(
          () -> new AssertionError("no variable " + suffix + " in " + v.keySet())).getValue();
    }

    float[] conv1x1(String name, float[] x, int in, int out) {
      float[] k = get(name);
      float[] y = new float[h * w * out];
      for (int p = 0; p < h * w; p++) {
        for (int o = 0; o < out; o++) {
          for (int i = 0; i < in; i++) {
            y[p * out + o] += x[p * in + i] * k[i * out + o];
          }
        }
      }
      return y;
    }

    float[] depthwise3x3(String name, float[] x, int ch) {
      float[] k = get(name);
      float[] y = new float[x.length];
      for (int r = 0; r < h; r++) {
        for (int col = 0; col < w; col++) {
          for (int q = 0; q < ch; q++) {
            for (int dr = -1; dr <= 1; dr++) {
              for (int dc = -1; dc <= 1; dc++) {
                int rr = r + dr;
                int cc = col + dc;
                if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                  y[(r * w + col) * ch + q] += x[(rr * w + cc) * ch + q] * k[((dr + 1) * 3 + dc + 1) * ch + q];
                }
              }
            }
          }
        }
      }
      return y;
    }

    float[] bn(String scope, float[] x, int ch) {
      float[] gamma = get(scope + "/gamma");
      float[] beta = get(scope + "/beta");
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = (float) (x[i] / Math.sqrt(1 + 1e-5) * gamma[i % ch] + beta[i % ch]);
      }
      return y;
    }

    float[] relu(float[] x) {
      float[] y = x.clone();
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.max(0, y[i]);
      }
      return y;
    }

    float[] gate(float[] x, int ch) {
      float[] w1 = get("gate/fc1/weights");
      float[] b1 = get("gate/fc1/biases");
      float[] w2 = get("gate/fc2/weights");
      float[] b2 = get("gate/fc2/biases");
      double hidden = b1[0];
      for (int q = 0; q < ch; q++) {
        double mean = 0;
        for (int p = 0; p < h * w; p++) {
          mean += x[p * ch + q];
        }
        hidden += mean / (h * w) * w1[q];
      }
      hidden = Math.max(0, hidden);
      float[] g = new float[ch];
      for (int q = 0; q < ch; q++) {
        g[q] = (float) (1 / (1 + Math.exp(-(hidden * w2[q] + b2[q]))));
      }
      return g;
    }
  }

  /**
   * BNNeck in training: the metric features are the network's, the classified ones those after a
   * batch norm over the batch (scale from 1, no learnt centre), the exported ones those normalised.
   */
  @Test
  void bnNeckSitsBetweenTheMetricAndTheClassifiedFeatures() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      VariableStore variables = new VariableStore(3);
      Placeholder<TUint8> images = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, 64, 32, 3)));
      ReidNetwork.Embedding e = ReidNetwork.OSNET_X0_25.embed(tf, variables, org.deepmetric.nn.Precision.FP32,
          images, true, new ArrayList<>(), 0.9f, true, null);
      assertEquals(List.of("bnneck/gamma"), variables.trainables().stream().map(VariableStore.Trainable::name)
          .filter(n -> n.startsWith("bnneck")).toList(), "a learnt scale, no learnt centre");
      int n = 4;
      byte[] pixels = new byte[n * 64 * 32 * 3];
      new java.util.Random(2).nextBytes(pixels);
      float[] metric = new float[n * 512];
      float[] classified = new float[n * 512];
      float[] exported = new float[n * 512];
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TUint8 x = TUint8.tensorOf(Shape.of(n, 64, 32, 3), DataBuffers.of(pixels, true, false));
             Result result = session.runner().feed(images, x).fetch(e.metric()).fetch(e.classified())
                 .fetch(e.exported()).run()) {
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(metric, false, false));
          ((TFloat32) result.get(1)).copyTo(DataBuffers.of(classified, false, false));
          ((TFloat32) result.get(2)).copyTo(DataBuffers.of(exported, false, false));
        }
      }
      int checked = 0;
      for (int k = 0; k < 512; k++) {
        double mean = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
          mean += metric[i * 512 + k] / n;
        }
        for (int i = 0; i < n; i++) {
          variance += Math.pow(metric[i * 512 + k] - mean, 2) / n;
        }
        for (int i = 0; i < n; i++) {
          assertEquals((metric[i * 512 + k] - mean) / Math.sqrt(variance + 1e-5), classified[i * 512 + k], 2e-3,
              "feature " + k);
        }
        checked += variance > 1e-3 ? 1 : 0;
      }
      assertTrue(checked > 100, "most features vary over the batch: " + checked);
      for (int i = 0; i < n; i++) {
        double norm = 0;
        for (int k = 0; k < 512; k++) {
          norm += classified[i * 512 + k] * classified[i * 512 + k];
        }
        for (int k = 0; k < 512; k++) {
          assertEquals(classified[i * 512 + k] / Math.sqrt(norm), exported[i * 512 + k], 1e-5);
        }
      }
    }
  }
}
