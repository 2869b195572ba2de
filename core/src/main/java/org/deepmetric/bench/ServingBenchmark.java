package org.deepmetric.bench;

import ai.onnx.proto.OnnxMl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.export.ActivationRanges;
import org.deepmetric.export.Int8Export;
import org.deepmetric.export.ModelExport;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.FrozenFeatureEncoder;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.OnnxFeatureEncoder;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.Precision;
import org.deepmetric.data.reid.ImageShape;

/**
 * {@code bench --only serve}: the deployed re-ID models (the cosine network at 128 x 64, OSNet
 * x0.25 and x1.0 at 256 x 128) three ways each (TensorFlow's frozen graph, ONNX Runtime float32,
 * ONNX Runtime int8 QDQ) at batch 1, 32 and 128, timed in alternation, median of the rounds; then
 * the cosine network's features of a synthetic MOT sequence from its det.txt, which is what bounds
 * {@code track --model} without a detector.
 */
final class ServingBenchmark {
  private static final int SEQUENCE_FRAMES = 100;

  private ServingBenchmark() {}

  /** The networks served: the cosine network, then OSNet's narrowest and widest. */
  private static final List<ReidNetwork> NETWORKS = List.of(ReidNetwork.COSINE, ReidNetwork.OSNET_X0_25,
      ReidNetwork.OSNET_X1_0);

  static void run(Path workDir, boolean quick, PrintWriter out) {
    for (ReidNetwork network : NETWORKS) {
      serve(workDir, network, quick, out);
    }
  }

  private static void serve(Path workDir, ReidNetwork network, boolean quick, PrintWriter out) {
    ImageShape shape = network.defaultShape();
    Path checkpoint = BenchFixtures.untrainedReidCheckpoint(workDir.resolve("bench-serve-" + network), network);
    Path pb = workDir.resolve("bench-" + network + ".pb");
    Path onnx = workDir.resolve("bench-" + network + ".onnx");
    Path int8 = workDir.resolve("bench-" + network + "-int8.onnx");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR, Precision.FP32, shape,
        network, BenchFixtures.bnNeck(network).bnNeck())) {
      ModelExport.freeze(encoder, pb);
      OnnxMl.ModelProto fp32 = OnnxExport.reid(encoder, OnnxExport.Layout.DEEP_SORT, Map.of());
      OnnxExport.write(fp32, onnx);
      // Random crops calibrate and check: the timing does not depend on the ranges.
      Int8Export.Result quantized = Int8Export.quantize(fp32, List.of(crops(BenchFixtures.randomCrops(64, shape))),
          List.of(crops(BenchFixtures.randomCrops(32, shape))), ReidEncoder.OUTPUT);
      OnnxExport.write(quantized.chosen().model(), int8);
    }
    List<String> names = List.of("TensorFlow fp32 (.pb)", "ONNX Runtime fp32", "ONNX Runtime int8");
    try (AppearanceModel tensorflow = FrozenFeatureEncoder.load(pb); AppearanceModel runtime = OnnxFeatureEncoder.load(onnx);
         AppearanceModel integer = OnnxFeatureEncoder.load(int8)) {
      List<AppearanceModel> models = List.of(tensorflow, runtime, integer);
      out.printf("%n%s, %s crops%n", network, shape);
      out.println("| re-ID serving, images/s | " + String.join(" | ", names) + " | int8 / ORT fp32 | ORT fp32 / TF |");
      out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
      int rounds = quick ? 3 : 7;
      for (int batch : new int[] {1, 32, 128}) {
        ReidBatch data = BenchFixtures.randomCrops(batch, shape);
        double[][] seconds = new double[models.size()][rounds];
        for (AppearanceModel m : models) {
          m.encodeBgr(data.images(), batch);
        }
        for (int round = 0; round < rounds; round++) {
          for (int m = 0; m < models.size(); m++) {
            AppearanceModel model = models.get(m);
            seconds[m][round] = Timing.medianSeconds(() -> model.encodeBgr(data.images(), batch), 1,
                batch == 1 ? 20 : quick ? 2 : 4, 1);
          }
        }
        double[] rate = new double[models.size()];
        for (int m = 0; m < models.size(); m++) {
          Arrays.sort(seconds[m]);
          rate[m] = batch / seconds[m][rounds / 2];
        }
        out.printf(Locale.ROOT, "| batch %d | %.0f | %.0f | %.0f | %.2fx | %.2fx |%n", batch, rate[0], rate[1], rate[2],
            rate[2] / rate[1], rate[1] / rate[0]);
      }
      if (network != ReidNetwork.COSINE) {
        return;
      }
      Path sequences = workDir.resolve("serve-mot");
      SyntheticMot.write(sequences, new SynthOptions(40, 2, 0, 0, 1), 1, SEQUENCE_FRAMES);
      Path sequenceDir = MotSequence.folders(sequences, "img1", "det").get(0);
      MotSequence sequence = MotSequence.read(sequenceDir, sequences);
      PrintWriter quiet = new PrintWriter(PrintWriter.nullWriter());
      for (int m = 0; m < models.size(); m++) {
        DetectionFeatures features = new DetectionFeatures(models.get(m), quiet);
        features.rows(sequence);
        long started = System.nanoTime();
        int rows = features.rows(sequence).rows();
        double s = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "features from det.txt, synthetic MOT sequence (%d frames, %d boxes), %s: %.1f frames/s%n",
            SEQUENCE_FRAMES, rows, names.get(m), SEQUENCE_FRAMES / s);
      }
    }
  }

  private static ActivationRanges.Inputs crops(ReidBatch batch) {
    return environment -> Map.of(ReidEncoder.INPUT,
        OnnxFeatureEncoder.patchTensor(environment, batch.images(), batch.size(), batch.shape()));
  }
}
