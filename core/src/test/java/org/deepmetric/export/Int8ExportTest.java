package org.deepmetric.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 gate on the re-ID network's initial weights, whose features, unlike a briefly trained
 * network's, differ from crop to crop: a calibration on crops like the held-out ones passes it,
 * one on black crops does not.
 */
class Int8ExportTest {
  private static OnnxMl.ModelProto fp32;

  @BeforeAll
  static void export(@TempDir Path dir) {
    Path prefix = dir.resolve("untrained");
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 10).build()) {
      CheckpointStore.saveAtomically(model.session(), prefix);
    }
    try (ReidEncoder encoder = ReidEncoder.restore(prefix, ReidEncoder.ChannelOrder.BGR)) {
      fp32 = OnnxExport.reid(encoder, OnnxExport.Layout.DEEP_SORT, Map.of());
    }
  }

  private static ActivationRanges.Inputs crops(int count, long seed, boolean black) {
    return environment -> {
      SplittableRandom random = new SplittableRandom(seed);
      byte[] pixels = new byte[count * ImageShape.DEFAULT.bytes()];
      for (int i = 0; i < pixels.length && !black; i++) {
        pixels[i] = (byte) random.nextInt(256);
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length).put(pixels);
      buffer.rewind();
      return Map.of(ReidEncoder.INPUT, OnnxTensor.createTensor(environment, buffer,
          new long[] {count, ImageShape.DEFAULT.height(), ImageShape.DEFAULT.width(), 3}, OnnxJavaType.UINT8));
    };
  }

  @Test
  void calibrationOnLikeCropsPassesTheGate() {
    Int8Export.Result result = Int8Export.quantize(fp32, List.of(crops(16, 1, false), crops(16, 2, false)),
        List.of(crops(16, 3, false)), ReidEncoder.OUTPUT);
    assertEquals(2, result.tried().size());
    Agreement kept = result.chosen().agreement();
    assertEquals(16, kept.rows());
    assertTrue(kept.minCosine() >= Int8Export.MIN_COSINE, kept.toString());
    for (Int8Export.Candidate c : result.tried()) {
      assertTrue(c.agreement().minCosine() <= kept.minCosine(), "the kept calibration agrees best");
    }
    assertDoesNotThrow(() -> Int8Export.check(kept, false));
  }

  @Test
  void blackCalibrationCropsAreRefusedUnlessForced() {
    Int8Export.Result result = Int8Export.quantize(fp32, List.of(crops(8, 1, true)), List.of(crops(16, 3, false)),
        ReidEncoder.OUTPUT);
    Agreement broken = result.chosen().agreement();
    assertTrue(broken.minCosine() < Int8Export.MIN_COSINE, broken.toString());
    DeepMetricException refused = assertThrows(DeepMetricException.class, () -> Int8Export.check(broken, false));
    assertTrue(refused.getMessage().startsWith("int8 model refused: its worst held-out row has cosine"),
        refused.getMessage());
    assertDoesNotThrow(() -> Int8Export.check(broken, true));
  }

  @Test
  void weightScalesArePerOutputChannel() {
    // Two output channels of a [2,3] OIHW-like weight (axis 0) and of a [3,2] MatMul weight (axis 1).
    float[] rows = {0.5f, -1.27f, 0.1f, 0f, 0f, 0f};
    assertArrayEquals(new float[] {0.01f, 1f}, QdqQuantization.perChannelScales(rows, new long[] {2, 3}, 0), 1e-7f);
    float[] columns = {0.5f, 0f, -2.54f, 0f, 0.1f, 0f};
    assertArrayEquals(new float[] {0.02f, 1f}, QdqQuantization.perChannelScales(columns, new long[] {3, 2}, 1), 1e-7f);
    ActivationRanges.Range range = new ActivationRanges.Range(-1f, 3f);
    assertEquals(4f / 255, QdqQuantization.scale(range), 1e-7f);
    assertEquals(64, QdqQuantization.zeroPoint(range));
    assertEquals(0f, new ActivationRanges.Range(0.5f, 2f).min(), "a range always holds zero");
  }
}
