package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.fixtures.TrainedReidRun;
import org.deepmetric.infer.OnnxFeatureEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --quantize int8}: the QDQ model's structure, its agreement with float32, the gate and the flags. */
class Int8ExportCliTest {
  @TempDir
  Path dir;

  @Test
  void reidInt8ModelIsQdqAgreesWithFloat32AndRunsOnIntegerKernels() throws Exception {
    TrainedReidRun trained = TrainedReidRun.get();
    Path fp32 = dir.resolve("fp32.onnx");
    Path int8 = dir.resolve("int8.onnx");
    assertEquals(0, CliTest.run("market1501", "--mode=onnx", "--restore_path=" + trained.runDir, "--output=" + fp32)
        .status());
    CliTest.Run export = CliTest.run("market1501", "--mode=onnx", "--restore_path=" + trained.runDir,
        "--dataset_dir=" + trained.marketDir, "--quantize", "int8", "--output=" + int8);
    assertEquals(0, export.status(), export.err());
    assertTrue(export.out().contains("int8 min-max against float32: cosine over"), export.out());
    assertTrue(export.out().contains("int8 percentile 99.99 against float32:"), export.out());
    assertTrue(export.out().contains("(kept)"), export.out());
    assertTrue(export.out().matches("(?s).*float32 Rank-1 [0-9.]+ mAP [0-9.]+; int8 Rank-1 [0-9.]+ mAP [0-9.]+.*"),
        export.out());

    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(int8));
    Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    model.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    Map<String, OnnxMl.NodeProto> producers = new HashMap<>();
    model.getGraph().getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
    int wrapped = 0;
    for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
      if (!List.of("Conv", "MatMul", "Gemm").contains(node.getOpType())) {
        continue;
      }
      wrapped++;
      OnnxMl.NodeProto input = producers.get(node.getInput(0));
      assertEquals("DequantizeLinear", input.getOpType(), node.getName() + " reads a dequantized activation");
      OnnxMl.TensorProto zero = initializers.get(input.getInput(2));
      assertEquals(OnnxMl.TensorProto.DataType.UINT8_VALUE, zero.getDataType());
      OnnxMl.NodeProto weights = producers.get(node.getInput(1));
      assertEquals("DequantizeLinear", weights.getOpType());
      OnnxMl.TensorProto q = initializers.get(weights.getInput(0));
      assertEquals(OnnxMl.TensorProto.DataType.INT8_VALUE, q.getDataType());
      int axis = (int) weights.getAttribute(0).getI();
      long channels = q.getDims(axis);
      assertEquals(channels, initializers.get(weights.getInput(1)).getDims(0), node.getName() + ": a scale per channel");
      var scales = initializers.get(weights.getInput(1)).getRawData().asReadOnlyByteBuffer()
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      for (int c = 0; c < channels; c++) {
        assertTrue(scales.get(c) > 0, "scale " + c + " of " + node.getName());
      }
      for (byte z : initializers.get(weights.getInput(2)).getRawData().toByteArray()) {
        assertEquals(0, z, "symmetric weights");
      }
      byte[] codes = q.getRawData().toByteArray();
      for (byte b : codes) {
        assertTrue(b >= -127, "int8 weights stay in [-127, 127]");
      }
      OnnxMl.NodeProto consumer = model.getGraph().getNodeList().stream()
          .filter(n -> n.getInputList().contains(node.getOutput(0))).findFirst().orElseThrow();
      assertEquals("QuantizeLinear", consumer.getOpType(), node.getName() + "'s output is quantized");
    }
    assertEquals(17, wrapped, "16 convolutions and fc1");
    assertFalse(model.getGraph().getInitializerList().stream().anyMatch(t -> t.getName().equals("conv1_1_w")),
        "float weights are not kept beside their int8 codes");

    // ONNX Runtime fuses every convolution into its integer kernel.
    Path optimized = dir.resolve("optimized.onnx");
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizedModelFilePath(optimized.toString());
      OrtEnvironment.getEnvironment().createSession(int8.toString(), options).close();
    }
    long integerConvs = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList().stream()
        .filter(n -> n.getOpType().equals("QLinearConv")).count();
    assertEquals(16, integerConvs);

    // Tracking runs say which engine computes their features.
    Path mot = dir.resolve("mot");
    assertEquals(0, CliTest.run("synth", "--format=mot", "--output_dir=" + mot, "--sequences=1", "--frames=3")
        .status());
    CliTest.Run detections = CliTest.run("generate-detections", "--model=" + int8, "--mot_dir=" + mot,
        "--output_dir=" + dir.resolve("npy"));
    assertEquals(0, detections.status(), detections.err());
    assertTrue(detections.err().startsWith("features: " + int8 + " in ONNX Runtime 1."), detections.err());
    assertTrue(detections.err().contains(", int8 QDQ, one model call per frame's boxes"), detections.err());

    // The features, recomputed here, stay within the gate on crops of both splits.
    List<PersonImage> crops = trained.market.gallery().subList(0, 32);
    try (OnnxFeatureEncoder a = OnnxFeatureEncoder.load(fp32); OnnxFeatureEncoder b = OnnxFeatureEncoder.load(int8);
         CropLoader loader = new CropLoader(2)) {
      float[] x = a.encode(crops, loader, 32).values();
      float[] y = b.encode(crops, loader, 32).values();
      for (int r = 0; r < crops.size(); r++) {
        double dot = 0;
        for (int i = r * 128; i < (r + 1) * 128; i++) {
          dot += x[i] * y[i];
        }
        assertTrue(dot >= 0.98, "crop " + r + ": cosine " + dot);
      }
    }
  }

  @Test
  void calibratesOnAFolderOfCropsAndNamesAnEmptyOne() throws IOException {
    TrainedReidRun trained = TrainedReidRun.get();
    Path crops = Files.createDirectories(dir.resolve("crops"));
    for (PersonImage image : trained.market.train().subList(0, 6)) {
      Files.copy(image.file(), crops.resolve(image.file().getFileName()));
    }
    Path target = dir.resolve("folder.onnx");
    // No dataset: half the folder calibrates, the other half checks.
    CliTest.Run folder = CliTest.run("market1501", "--mode=onnx", "--restore_path=" + trained.runDir,
        "--quantize=int8", "--calibration_dir=" + crops, "--output=" + target);
    assertEquals(0, folder.status(), folder.err());
    assertTrue(folder.err().contains("int8: calibrating on 3 crops of " + crops + ", checking on the other 3 crops"),
        folder.err());
    assertTrue(Files.isRegularFile(target));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliTest.Run none = CliTest.run("market1501", "--mode=onnx", "--restore_path=" + trained.runDir,
        "--quantize=int8", "--calibration_dir=" + empty, "--output=" + dir.resolve("none.onnx"));
    assertEquals(1, none.status());
    assertTrue(none.err().contains(empty + ": no .jpg or .png images to calibrate on (--calibration_dir)"), none.err());
    assertFalse(Files.exists(dir.resolve("none.onnx")));
    CliTest.Run nothing = CliTest.run("market1501", "--mode=onnx", "--restore_path=" + trained.runDir,
        "--quantize=int8");
    assertEquals(1, nothing.status());
    assertTrue(nothing.err().contains("--quantize int8 needs crops to calibrate on"), nothing.err());
  }

  @Test
  void lenetInt8ExportAndFlagErrors() throws IOException {
    Path out = dir.resolve("lenet");
    assertEquals(0, CliTest.run("lenet", "train", "--epochs=1", "--steps=20", "--output_path=" + out).status());
    Path target = dir.resolve("lenet-int8.onnx");
    CliTest.Run export = CliTest.run("lenet", "export-onnx", "--restore_path=" + out.resolve("checkpoints"),
        "--quantize=int8", "--output=" + target);
    assertEquals(0, export.status(), export.err());
    assertTrue(export.out().matches("(?s).*test accuracy: float32 0\\.\\d{4}, int8 0\\.\\d{4}.*"), export.out());
    assertTrue(Files.isRegularFile(target));

    CliTest.Run int4 = CliTest.run("lenet", "export-onnx", "--restore_path=" + out.resolve("checkpoints"),
        "--quantize=int4");
    assertEquals(2, int4.status());
    assertTrue(int4.err().contains("--quantize takes int8, not 'int4'"), int4.err());
    CliTest.Run alone = CliTest.run("market1501", "--mode=onnx", "--restore_path=" + out, "--force");
    assertEquals(2, alone.status());
    assertTrue(alone.err().contains("--calibration_dir and --force go with --quantize int8"), alone.err());
    CliTest.Run notOnnx = CliTest.run("market1501", "--mode=freeze", "--restore_path=" + out, "--quantize=int8");
    assertEquals(2, notOnnx.status());
    assertTrue(notOnnx.err().contains("--quantize is for --mode=onnx"), notOnnx.err());
  }
}
