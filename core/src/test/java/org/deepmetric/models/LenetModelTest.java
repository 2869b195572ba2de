package org.deepmetric.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.fixtures.Bf16;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class LenetModelTest {
  private static final MnistDataset DATA = MnistDataset.bundledSample();
  private static final DigitBatch PROBE = DigitBatch.of(DATA.test(), 0, 32);

  @Test
  void theSameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() {
    try (LenetModel a = LenetModel.create(Precision.FP32, 1e-3f, 7);
         LenetModel b = LenetModel.create(Precision.FP32, 1e-3f, 7);
         LenetModel c = LenetModel.create(Precision.FP32, 1e-3f, 8)) {
      assertArrayEquals(a.probabilities(PROBE), b.probabilities(PROBE));
      assertFalse(Arrays.equals(a.probabilities(PROBE), c.probabilities(PROBE)));
    }
  }

  @Test
  void initialWeightsAreCentredSoSigmoidsDoNotSaturate() {
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 1)) {
      float[] p = model.probabilities(PROBE);
      float max = 0;
      for (float v : p) {
        max = Math.max(max, v);
      }
      // Glorot-uniform weights drawn only from [0, limit) push every class to one extreme.
      assertTrue(max < 0.6f, "untrained LeNet should be unsure, largest probability " + max);
    }
  }

  @Test
  void computesTheSeedsLenetWhichSigmoidsBeforePooling() {
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 3)) {
      DigitBatch probe = DigitBatch.of(DATA.test(), 0, 4);
      float[] probabilities = model.probabilities(probe);
      for (int n = 0; n < probe.size(); n++) {
        float[] image = Arrays.copyOfRange(probe.images(), n * 784, (n + 1) * 784);
        float[] x = maxPool(sigmoid(conv(image, 28, 1, weights(model, "conv1"), 6)), 28, 6);
        x = maxPool(sigmoid(conv(x, 14, 6, weights(model, "conv2"), 16)), 14, 16);
        x = sigmoid(dense(x, weights(model, "fc1"), 120));
        x = sigmoid(dense(x, weights(model, "fc2"), 84));
        float[] expected = softmax(dense(x, weights(model, "fc3"), 10));
        for (int k = 0; k < 10; k++) {
          assertEquals(expected[k], probabilities[n * 10 + k], 1e-5, "image " + n + " class " + k);
        }
      }
    }
  }

  /** The layer's weights followed by its biases, as the session holds them. */
  private static float[][] weights(LenetModel model, String layer) {
    try (Result result = model.session().runner().fetch(layer + "/weights").fetch(layer + "/biases").run()) {
      return new float[][] {flat((TFloat32) result.get(0)), flat((TFloat32) result.get(1))};
    }
  }

  private static float[] flat(TFloat32 tensor) {
    float[] values = new float[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  /** A 5x5 SAME convolution of a side x side x in image (HWC) with HWIO weights plus bias. */
  private static float[] conv(float[] image, int side, int in, float[][] weights, int out) {
    float[] y = new float[side * side * out];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        for (int o = 0; o < out; o++) {
          double sum = weights[1][o];
          for (int u = 0; u < 5; u++) {
            for (int v = 0; v < 5; v++) {
              int rr = r + u - 2;
              int cc = c + v - 2;
              if (rr >= 0 && rr < side && cc >= 0 && cc < side) {
                for (int i = 0; i < in; i++) {
                  sum += image[(rr * side + cc) * in + i] * weights[0][((u * 5 + v) * in + i) * out + o];
                }
              }
            }
          }
          y[(r * side + c) * out + o] = (float) sum;
        }
      }
    }
    return y;
  }

  private static float[] maxPool(float[] x, int side, int channels) {
    int half = side / 2;
    float[] y = new float[half * half * channels];
    for (int r = 0; r < half; r++) {
      for (int c = 0; c < half; c++) {
        for (int k = 0; k < channels; k++) {
          float max = Float.NEGATIVE_INFINITY;
          for (int dr = 0; dr < 2; dr++) {
            for (int dc = 0; dc < 2; dc++) {
              max = Math.max(max, x[((2 * r + dr) * side + 2 * c + dc) * channels + k]);
            }
          }
          y[(r * half + c) * channels + k] = max;
        }
      }
    }
    return y;
  }

  private static float[] dense(float[] x, float[][] weights, int units) {
    float[] y = new float[units];
    for (int j = 0; j < units; j++) {
      double sum = weights[1][j];
      for (int i = 0; i < x.length; i++) {
        sum += x[i] * weights[0][i * units + j];
      }
      y[j] = (float) sum;
    }
    return y;
  }

  private static float[] sigmoid(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (1 / (1 + Math.exp(-x[i])));
    }
    return y;
  }

  private static float[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double total = 0;
    for (float v : logits) {
      total += Math.exp(v - max);
    }
    float[] p = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      p[i] = (float) (Math.exp(logits[i] - max) / total);
    }
    return p;
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void bothPrecisionsLearn(Precision precision) {
    if (precision == Precision.BF16) {
      Bf16.assumeRunnable();
    }
    try (LenetModel model = LenetModel.create(precision, 1e-3f, 1)) {
      ShuffledBatches batches = new ShuffledBatches(DATA.train(), 64, 1);
      float first = model.trainStep(batches.get()).get("loss");
      float lastMean = 0;
      for (int i = 1; i < 700; i++) {
        float loss = model.trainStep(batches.get()).get("loss");
        if (i >= 650) {
          lastMean += loss / 50;
        }
      }
      assertEquals(700, model.globalStep());
      assertTrue(lastMean < first * 0.5, precision + ": loss " + first + " -> " + lastMean);
      assertTrue(model.accuracy(DATA.test().slice(0, 500)) > 0.7);
    }
  }

  @Test
  void bf16ComputesConvolutionsInBfloat16() {
    Bf16.assumeRunnable();
    try (LenetModel model = LenetModel.create(Precision.BF16, 1e-3f, 1)) {
      GraphOperation conv = null;
      for (var ops = model.graph().operations(); ops.hasNext(); ) {
        GraphOperation op = ops.next();
        if (op.type().equals("Conv2D") && op.name().startsWith("conv1/")) {
          conv = op;
        }
      }
      assertEquals("DT_BFLOAT16", conv.output(0).dataType().name());
      assertEquals("DT_FLOAT", ((GraphOperation) model.graph().operation("logits")).output(0).dataType().name());
    }
  }
}
