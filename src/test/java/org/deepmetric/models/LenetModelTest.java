package org.deepmetric.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.GraphOperation;

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

  @ParameterizedTest
  @EnumSource(Precision.class)
  void bothPrecisionsLearn(Precision precision) {
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
