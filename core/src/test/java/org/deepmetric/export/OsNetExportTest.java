package org.deepmetric.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.TorchreidOnnxEncoder;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidGraphSettings;
import org.deepmetric.models.ReidModel;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OSNet run (x0.25 with BNNeck, one step, so the batch-norm statistics have moved) written as
 * ONNX in both layouts gives, in ONNX Runtime, the checkpoint's features.
 */
class OsNetExportTest {
  @TempDir
  static Path dir;

  /** About two minutes on 2 cores (OSNet's training graph at 256 x 128): slow-tagged; ReidCliTest covers 64 x 32. */
  @Test
  @Tag("slow")
  void bothLayoutsGiveTheCheckpointsFeatures() {
    ImageShape shape = ReidNetwork.OSNET_SHAPE;
    int n = 4;
    byte[] pixels = new byte[n * shape.bytes()];
    new Random(5).nextBytes(pixels);
    ReidBatch batch = new ReidBatch(pixels, new int[] {0, 0, 1, 1}, shape);
    Path checkpoint;
    try (ReidModel model = ReidModel.builder(LossMode.SOFTMAX, 4).network(ReidNetwork.OSNET_X0_25)
        .settings(ReidGraphSettings.TRICKS).imageShape(shape).build()) {
      model.trainStep(batch);
      checkpoint = new CheckpointStore(dir.resolve("run"), 0).save(model.session(), model.globalStep());
    }
    float[] expected;
    Path deepSort = dir.resolve("osnet.onnx");
    Path boxmot = dir.resolve("osnet-boxmot.onnx");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB, Precision.FP32, shape,
        ReidNetwork.OSNET_X0_25, true)) {
      expected = encoder.encode(batch);
      OnnxExport.write(OnnxExport.reid(encoder, OnnxExport.Layout.DEEP_SORT, Map.of()), deepSort);
      OnnxExport.write(OnnxExport.reid(encoder, OnnxExport.Layout.BOXMOT, Map.of()), boxmot);
    }
    byte[] bgr = pixels.clone();
    AppearanceModel.swapRedAndBlue(bgr);
    try (AppearanceModel model = AppearanceModel.load(deepSort)) {
      assertEquals(512, model.featureDim());
      assertArrayEquals(expected, model.encodeBgr(bgr.clone(), n), 1e-5f, "deep_sort layout");
    }
    try (AppearanceModel model = AppearanceModel.load(boxmot)) {
      assertTrue(model instanceof TorchreidOnnxEncoder, "boxmot's layout, as boxmot loads it");
      assertArrayEquals(expected, model.encodeBgr(bgr.clone(), n), 1e-5f, "boxmot layout");
    }
    // Read back by structure into a fresh network (BNNeck included): the same features.
    OsNetOnnxWeights.Mapped mapped = OsNetOnnxWeights.read(boxmot);
    assertEquals(ReidNetwork.OSNET_X0_25, mapped.network());
    assertEquals(List.of(), mapped.notMapped());
    Path again;
    try (ReidModel model = ReidModel.builder(LossMode.SOFTMAX, 4).network(ReidNetwork.OSNET_X0_25)
        .settings(ReidGraphSettings.TRICKS).imageShape(shape).seed(9).build()) {
      model.assign(mapped.values());
      again = new CheckpointStore(dir.resolve("again"), 0).save(model.session(), 0);
    }
    try (ReidEncoder encoder = ReidEncoder.restore(again, ReidEncoder.ChannelOrder.RGB, Precision.FP32, shape,
        ReidNetwork.OSNET_X0_25, true)) {
      assertArrayEquals(expected, encoder.encode(batch), 1e-5f, "read back by structure");
    }
  }

  @Test
  void aModelThatIsNotOsNetIsRefusedInOneLine() throws java.io.IOException {
    Path means = dir.resolve("means.onnx");
    org.deepmetric.fixtures.TinyOnnx.channelMeans(means, 256, 128);
    org.deepmetric.DeepMetricException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.deepmetric.DeepMetricException.class, () -> OsNetOnnxWeights.read(means));
    assertTrue(e.getMessage().startsWith(means + ": not an OSNet model as torchreid defines it (no 7x7 stem"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }
}
