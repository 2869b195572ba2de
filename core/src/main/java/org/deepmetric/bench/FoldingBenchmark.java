package org.deepmetric.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.export.BatchNormFolding;
import org.deepmetric.export.GraphFreezer;
import org.deepmetric.infer.FrozenGraph;
import org.deepmetric.models.ReidEncoder;
import org.tensorflow.proto.GraphDef;

/** {@code bench --only fold}: what folding batch norm into the convolutions does to frozen re-ID inference. */
final class FoldingBenchmark {
  private FoldingBenchmark() {}

  /**
   * Frozen re-ID inference in float32 before and after folding batch norm into the convolutions,
   * at batch 1, 32 and 128; the two graphs are timed in alternation so drift hits both alike.
   */
  static void run(Path workDir, boolean quick, PrintWriter out) {
    Path checkpoint = BenchFixtures.untrainedReidCheckpoint(workDir.resolve("bench-fold"));
    GraphDef plain;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      plain = GraphFreezer.freeze(encoder.graph(), encoder.session(), List.of(ReidEncoder.OUTPUT));
    }
    GraphDef folded = BatchNormFolding.fold(plain, List.of(ReidEncoder.OUTPUT)).graph();
    try (FrozenGraph before = FrozenGraph.fromDefinition(plain); FrozenGraph after = FrozenGraph.fromDefinition(folded)) {
      for (int batch : new int[] {1, 32, 128}) {
        ReidBatch data = BenchFixtures.randomCrops(batch);
        double[] seconds = new double[2];
        for (int round = 0; round < (quick ? 1 : 3); round++) {
          seconds[0] += Timing.medianSeconds(() -> BenchFixtures.inferOnce(before, data), 2, quick ? 3 : 8, 1);
          seconds[1] += Timing.medianSeconds(() -> BenchFixtures.inferOnce(after, data), 2, quick ? 3 : 8, 1);
        }
        out.printf(Locale.ROOT, "BN folding, batch %d: %.0f images/s unfolded, %.0f folded (%.2fx)%n", batch,
            batch / seconds[0] * (quick ? 1 : 3), batch / seconds[1] * (quick ? 1 : 3), seconds[0] / seconds[1]);
      }
    }
  }
}
