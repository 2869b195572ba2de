package org.deepmetric.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.export.ModelExport;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.FrozenFeatureEncoder;
import org.deepmetric.infer.OnnxFeatureEncoder;
import org.deepmetric.models.ReidEncoder;

/** {@code bench --only onnx}: the deployed re-ID model in TensorFlow against ONNX Runtime. */
final class OnnxBenchmark {
  private OnnxBenchmark() {}

  /**
   * The deployed re-ID model in TensorFlow (the frozen, batch-norm-folded .pb) and in ONNX Runtime
   * (the deep_sort-layout .onnx) at batch 1, 32 and 128, timed in alternation; both float32 on
   * every core.
   */
  static void run(Path workDir, boolean quick, PrintWriter out) {
    Path checkpoint = BenchFixtures.untrainedReidCheckpoint(workDir.resolve("bench-onnx"));
    Path pb = workDir.resolve("bench.pb");
    Path onnx = workDir.resolve("bench.onnx");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.freeze(encoder, pb);
      OnnxExport.write(OnnxExport.reid(encoder, OnnxExport.Layout.DEEP_SORT, Map.of()), onnx);
    }
    try (AppearanceModel tensorflow = FrozenFeatureEncoder.load(pb); AppearanceModel runtime = OnnxFeatureEncoder.load(onnx)) {
      for (int batch : new int[] {1, 32, 128}) {
        ReidBatch data = BenchFixtures.randomCrops(batch);
        double[] seconds = new double[2];
        int rounds = quick ? 1 : 3;
        for (int round = 0; round < rounds; round++) {
          seconds[0] += Timing.medianSeconds(() -> tensorflow.encodeBgr(data.images(), batch), 2, quick ? 3 : 8, 1);
          seconds[1] += Timing.medianSeconds(() -> runtime.encodeBgr(data.images(), batch), 2, quick ? 3 : 8, 1);
        }
        out.printf(Locale.ROOT, "re-ID inference, batch %d: %.0f images/s TensorFlow (.pb), %.0f ONNX Runtime (.onnx)"
            + " (%.2fx)%n", batch, batch / seconds[0] * rounds, batch / seconds[1] * rounds, seconds[0] / seconds[1]);
      }
    }
  }
}
