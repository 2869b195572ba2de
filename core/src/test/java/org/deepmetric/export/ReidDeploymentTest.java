package org.deepmetric.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySplit;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.fixtures.Bf16;
import org.deepmetric.fixtures.TrainedReidRun;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.FrozenFeatureEncoder;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.OnnxFeatureEncoder;
import org.deepmetric.infer.PatchExtractor;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;
import org.deepmetric.train.ValidationWatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deepmetric.data.Images;

/** A checkpoint trained for a few steps (the shared {@link TrainedReidRun}), then every way it leaves the toolkit. */
class ReidDeploymentTest {
  @TempDir
  static Path dir;

  static Market1501 market;
  static CropLoader loader;
  static Path checkpoint;
  static ReidBatch batch;
  static float[] checkpointFeatures;

  @BeforeAll
  static void train() {
    TrainedReidRun run = TrainedReidRun.get();
    market = run.market;
    checkpoint = run.checkpoint;
    loader = new CropLoader(2);
    batch = loader.load(market.query().subList(0, 8), null, ImageShape.DEFAULT);
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB)) {
      checkpointFeatures = encoder.encode(batch);
    }
  }

  @AfterAll
  static void stop() {
    loader.close();
  }

  private static byte[] bgr(byte[] rgb) {
    byte[] copy = rgb.clone();
    AppearanceModel.swapRedAndBlue(copy);
    return copy;
  }

  private static float[] run(Graph graph, String input, String output, byte[] pixels, int count) {
    try (Session session = new Session(graph);
         TUint8 x = TUint8.tensorOf(Shape.of(count, 128, 64, 3), DataBuffers.of(pixels, true, false));
         Result result = session.runner().feed(input, x).fetch(output).run()) {
      float[] out = new float[count * 128];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  @Test
  void theFrozenGraphGivesTheCheckpointsFeaturesOnBgrInputWithAndWithoutPrefix() throws IOException {
    Path pb = dir.resolve("market1501.pb");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.freeze(encoder, pb);
    }
    GraphDef frozen = GraphDef.parseFrom(Files.readAllBytes(pb));
    Set<String> ops = frozen.getNodeList().stream().map(NodeDef::getOp).collect(Collectors.toSet());
    assertTrue(ops.contains("MaxPool") && !ops.contains("MaxPoolV2") && !ops.contains("VariableV2"), ops.toString());
    assertFalse(ops.stream().anyMatch(op -> op.contains("Random")), "no dropout in the frozen graph: " + ops);
    for (String prefix : List.of("", "net")) {
      try (Graph graph = new Graph()) {
        graph.importGraphDef(frozen, prefix);
        String p = prefix.isEmpty() ? "" : prefix + "/";
        assertEquals(List.of(-1L, 128L, 64L, 3L),
            List.of(graph.operation(p + "images").output(0).shape().asArray()).stream()
                .flatMap(a -> Arrays.stream(a).boxed()).toList());
        assertEquals(128, graph.operation(p + "features").output(0).shape().get(1));
        float[] features = run(graph, p + "images", p + "features", bgr(batch.images()), batch.size());
        assertArrayEquals(checkpointFeatures, features, 1e-5f, "prefix '" + prefix + "'");
        // A .pb whose nodes carry deep_sort's old 'net/' prefix loads through the encoder's fallback.
        Path file = dir.resolve("graph" + prefix + ".pb");
        Files.write(file, graph.toGraphDef().toByteArray());
        try (FrozenFeatureEncoder encoder = FrozenFeatureEncoder.load(file)) {
          assertEquals(128, encoder.featureDim());
          assertArrayEquals(checkpointFeatures, encoder.encode(new ReidBatch(batch.images().clone(), batch.labels(), batch.shape())),
              1e-5f, "loaded with prefix '" + prefix + "'");
        }
      }
    }
  }

  @Test
  void theOnnxModelRunsInOnnxRuntimeWithTheCheckpointsFeaturesOnBgrPatches() throws IOException {
    Path onnx = dir.resolve("market1501.onnx");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      OnnxExport.write(OnnxExport.reid(encoder, OnnxExport.Layout.DEEP_SORT, Map.of("checkpoint", "run")), onnx);
    }
    try (AppearanceModel model = AppearanceModel.load(onnx)) {
      assertTrue(model instanceof OnnxFeatureEncoder, "chosen by the .onnx extension");
      assertEquals(ImageShape.DEFAULT, model.inputShape());
      assertEquals(128, model.featureDim());
      assertEquals("deep_sort", ((OnnxFeatureEncoder) model).metadata().get("layout"));
      float[] features = model.encodeBgr(bgr(batch.images()), batch.size());
      assertArrayEquals(checkpointFeatures, features, 1e-5f);
      // Batch 1 and batch N give the same rows: the batch dimension is dynamic.
      assertArrayEquals(Arrays.copyOf(features, 128), model.encodeBgr(bgr(batch.images()), 1), 1e-5f);
    }
    Path truncated = dir.resolve("truncated.onnx");
    byte[] bytes = Files.readAllBytes(onnx);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
    DeepMetricException e = assertThrows(DeepMetricException.class, () -> AppearanceModel.load(truncated));
    assertTrue(e.getMessage().contains("truncated.onnx") && !e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void theBoxmotLayoutTakesImagenetNormalisedRgbAt256x128() throws IOException {
    Path onnx = dir.resolve("deepmetric_boxmot.onnx");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB)) {
      OnnxExport.write(OnnxExport.reid(encoder, OnnxExport.Layout.BOXMOT, Map.of()), onnx);
    }
    // Each crop pixel doubled in both directions: the export's linear half-pixel resize to 128x64
    // averages four equal values and so gives the crop back exactly.
    int n = batch.size();
    float[] nchw = new float[n * 3 * 256 * 128];
    byte[] rgb = batch.images();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 256; y++) {
          for (int x = 0; x < 128; x++) {
            float v = (rgb[((i * 128 + y / 2) * 64 + x / 2) * 3 + c] & 0xff) / 255f;
            nchw[((i * 3 + c) * 256 + y) * 128 + x] = (v - Images.IMAGENET_MEAN[c]) / Images.IMAGENET_STD[c];
          }
        }
      }
    }
    var environment = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (var session = environment.createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions());
         var x = ai.onnxruntime.OnnxTensor.createTensor(environment, FloatBuffer.wrap(nchw),
             new long[] {n, 3, 256, 128});
         var result = session.run(Map.of("images", x))) {
      float[] features = new float[n * 128];
      ((ai.onnxruntime.OnnxTensor) result.get(0)).getFloatBuffer().get(features);
      assertArrayEquals(checkpointFeatures, features, 1e-5f);
    } catch (ai.onnxruntime.OrtException e) {
      throw new AssertionError(e);
    }
    // The same model as track and evaluate load it: torchreid's layout, fed BGR patches of 256x128.
    byte[] patches = new byte[n * 256 * 128 * 3];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < 256; y++) {
        for (int x = 0; x < 128; x++) {
          for (int c = 0; c < 3; c++) {
            patches[((i * 256 + y) * 128 + x) * 3 + 2 - c] = rgb[((i * 128 + y / 2) * 64 + x / 2) * 3 + c];
          }
        }
      }
    }
    try (AppearanceModel model = AppearanceModel.load(onnx)) {
      assertEquals(PatchExtractor.Rule.TORCHREID, model.patchRule());
      assertEquals(new ImageShape(256, 128), model.inputShape());
      assertArrayEquals(checkpointFeatures, model.encodeBgr(patches, n), 1e-5f);
    }
  }

  @Test
  void foldingBatchNormIntoTheConvolutionsKeepsTheFeatures() {
    GraphDef plain;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      plain = GraphFreezer.freeze(encoder.graph(), encoder.session(), List.of(ReidEncoder.OUTPUT));
    }
    BatchNormFolding.Result folded = BatchNormFolding.fold(plain, List.of(ReidEncoder.OUTPUT));
    // conv1_1, conv1_2 and the first convolution of each of the six residual blocks.
    assertEquals(8, folded.folded());
    long left = folded.graph().getNodeList().stream().filter(n -> n.getOp().equals("FusedBatchNormV3")).count();
    assertEquals(6, left, "the five pre-activations and fc1's batch norm follow other ops and stay");
    float[] before;
    float[] after;
    try (Graph graph = new Graph()) {
      graph.importGraphDef(plain);
      before = run(graph, "images", "features", bgr(batch.images()), batch.size());
    }
    try (Graph graph = new Graph()) {
      graph.importGraphDef(folded.graph());
      after = run(graph, "images", "features", bgr(batch.images()), batch.size());
    }
    assertArrayEquals(before, after, 1e-5f);
  }

  @Test
  void aBfloat16FrozenGraphAgreesWithFloat32ToBfloat16Precision() {
    Bf16.assumeRunnable();
    Path pb = dir.resolve("bf16.pb");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR, Precision.BF16, ImageShape.DEFAULT)) {
      ModelExport.freeze(encoder, pb);
    }
    // Several fresh sessions: a bfloat16 convolution over the 3 colour channels, as TensorFlow 2.18
    // runs it, gave values near 1e35 in about half of them.
    for (int session = 0; session < 8; session++) {
      try (FrozenFeatureEncoder encoder = FrozenFeatureEncoder.load(pb)) {
        float[] features = encoder.encodeBgr(bgr(batch.images()), batch.size());
        for (int i = 0; i < batch.size(); i++) {
          double dot = 0;
          for (int k = 0; k < 128; k++) {
            dot += features[i * 128 + k] * checkpointFeatures[i * 128 + k];
          }
          assertTrue(dot > 0.99, "session " + session + ": cosine similarity of crop " + i + " is " + dot);
        }
      }
    }
  }

  @Test
  void theSavedModelServesTheSameFeatures() {
    Path saved = dir.resolve("savedmodel");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.savedModel(encoder, saved);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
         TUint8 x = TUint8.tensorOf(Shape.of(batch.size(), 128, 64, 3), DataBuffers.of(bgr(batch.images()), true, false));
         Result result = bundle.function(ModelExport.SIGNATURE).call(Map.of("images", x))) {
      float[] out = new float[batch.size() * 128];
      ((TFloat32) result.get("features").orElseThrow()).copyTo(DataBuffers.of(out, false, false));
      assertArrayEquals(checkpointFeatures, out, 1e-5f);
    }
  }

  @Test
  void theFinalizedCheckpointHoldsTheNetworkAlone() throws IOException {
    Path finalized = dir.resolve("market1501.ckpt");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB)) {
      ModelExport.finalizeCheckpoint(encoder, finalized, CheckpointNames.DEEPMETRIC);
    }
    assertTrue(Files.size(dir.resolve("market1501.ckpt.data-00000-of-00001"))
        < Files.size(Path.of(checkpoint + ".data-00000-of-00001")), "no optimizer slots");
    try (ReidEncoder encoder = ReidEncoder.restore(finalized, ReidEncoder.ChannelOrder.RGB)) {
      assertArrayEquals(checkpointFeatures, encoder.encode(batch), 1e-6f);
    }
  }

  @Test
  void theWatcherSkipsACheckpointCaughtHalfWrittenAndCarriesOn() throws IOException {
    Path run = dir.resolve("watched");
    Files.createDirectories(run);
    for (String suffix : List.of(".index", ".data-00000-of-00001")) {
      Files.copy(Path.of(checkpoint + suffix), run.resolve("model.ckpt-3" + suffix));
    }
    // What a writer that is not atomic leaves mid-save: both files, the data cut short.
    Files.write(run.resolve("model.ckpt-7.index"), Files.readAllBytes(Path.of(checkpoint + ".index")));
    Files.write(run.resolve("model.ckpt-7.data-00000-of-00001"), new byte[100]);
    Files.writeString(run.resolve("checkpoint"), "model_checkpoint_path: \"model.ckpt-7\"\n");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path evalDir = dir.resolve("eval/watched");
    var validation = IdentitySplit.draw(market.train(), 0.5, 1234).validation(market.train());
    PrintWriter logWriter = new PrintWriter(log, true);
    ValidationWatcher watcher = ValidationWatcher.of(run, evalDir, validation).galleries(3).batchSize(64)
        .loaderThreads(2).output(logWriter, logWriter).build();
    assertThrows(DeepMetricException.class, () -> watcher.evaluate(run.resolve("model.ckpt-7")),
        "evaluated on its own, a broken checkpoint is an error");
    watcher.poll();
    watcher.poll();
    watcher.poll();
    List<String> csv = Files.readAllLines(evalDir.resolve(ValidationWatcher.CSV));
    assertTrue(csv.get(1).matches("3,model\\.ckpt-3,\\d\\.\\d{6},\\d\\.\\d{6},\\d\\.\\d{6},\\d\\.\\d{6}"), csv.toString());
    assertEquals("7,model.ckpt-7,,,,", csv.get(2), "given up after three attempts, recorded once");
    assertTrue(log.toString().contains("(attempt 3 of 3)"), log.toString());
    watcher.poll();
    assertEquals(3, Files.readAllLines(evalDir.resolve(ValidationWatcher.CSV)).size(), "nothing evaluated twice");
  }

  @Test
  void detectionFeaturesMatchTheEncoderOnTheSamePatches() throws IOException {
    Path pb = dir.resolve("detections.pb");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.freeze(encoder, pb);
    }
    SyntheticMot.write(dir.resolve("mot"), new SynthOptions(4, 2, 0, 0, 1), 1, 3);
    // A detection wholly outside the frame: deep_sort gives it a noise patch.
    Files.writeString(dir.resolve("mot/SYNTH-01/det/det.txt"), "1,-1,700,10,40,80,0.300,-1,-1,-1\n",
        StandardOpenOption.APPEND);
    MotSequence sequence = MotSequence.read(dir.resolve("mot/SYNTH-01"), dir.resolve("mot"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (FrozenFeatureEncoder encoder = FrozenFeatureEncoder.load(pb)) {
      int rows = new DetectionFeatures(encoder, new PrintWriter(log, true))
          .generate(sequence, dir.resolve("npy"));
      assertEquals(sequence.detections().size(), rows);
      byte[] bytes = Files.readAllBytes(dir.resolve("npy/SYNTH-01.npy"));
      int header = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
      ByteBuffer data = ByteBuffer.wrap(bytes, 10 + header, bytes.length - 10 - header).slice().order(ByteOrder.LITTLE_ENDIAN);
      double[] first = sequence.detections().get(0);
      assertEquals((float) first[2], data.getFloat(2 * 4), "det.txt columns come first");
      byte[] patch = new byte[ImageShape.DEFAULT.bytes()];
      assertTrue(PatchExtractor.extract(Images.read(sequence.frames().get(1)),
          new double[] {first[2], first[3], first[4], first[5]}, ImageShape.DEFAULT, PatchExtractor.Rule.DEEP_SORT, patch, 0));
      float[] expected = encoder.encodeBgr(patch, 1);
      for (int k = 0; k < 128; k++) {
        assertEquals(expected[k], data.getFloat((10 + k) * 4), 1e-5f);
      }
    }
    assertTrue(log.toString().contains("WARNING: Failed to extract image patch"), "the box outside the frame");
  }

  @Test
  void framesReadAheadGiveTheRowsOfOneFrameAtATime() {
    Path pb = dir.resolve("read-ahead.pb");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.freeze(encoder, pb);
    }
    SyntheticMot.write(dir.resolve("ahead"), new SynthOptions(6, 2, 0, 0, 2), 1, 12);
    MotSequence sequence = MotSequence.read(dir.resolve("ahead/SYNTH-01"), dir.resolve("ahead"));
    PrintWriter quiet = new PrintWriter(PrintWriter.nullWriter());
    try (FrozenFeatureEncoder encoder = FrozenFeatureEncoder.load(pb)) {
      var rows = new DetectionFeatures(encoder, quiet).rows(sequence);
      DetectionFeatures oneByOne = new DetectionFeatures(encoder, quiet);
      TreeMap<Integer, List<double[]>> byFrame = new TreeMap<>();
      sequence.detections().forEach(d -> byFrame.computeIfAbsent((int) d[0], f -> new ArrayList<>()).add(d));
      int row = 0;
      int columns = rows.cols();
      for (var frame : byFrame.entrySet()) {
        float[] features = oneByOne.encodeFrame(Images.read(sequence.frames().get(frame.getKey())), frame.getValue());
        for (int d = 0; d < frame.getValue().size(); d++, row++) {
          assertEquals((float) frame.getValue().get(d)[0], rows.values()[row * columns], "frame of row " + row);
          for (int k = 0; k < 128; k++) {
            assertEquals(features[d * 128 + k], rows.values()[row * columns + DetectionFeatures.DETECTION_COLUMNS + k],
                "row " + row + ", feature " + k);
          }
        }
      }
      assertEquals(sequence.detections().size(), row);
      assertTrue(row > 12, "several boxes a frame: " + row);
    }
  }
}
