package org.deepmetric.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.export.GraphFreezer;
import org.deepmetric.infer.FrozenGraph;
import org.deepmetric.models.LenetModel;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.deepmetric.nn.Precision;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.GraphDef;

/**
 * Training and frozen-graph inference throughput of both networks, rows of the {@link ThroughputTable}.
 * Graph work only: batches are made before the clock starts, warm-up steps are left out, and each
 * figure is the median of several rounds.
 */
final class NetworkThroughput {
  /**
   * FLOP per image (multiply-adds x 2): LeNet with SAME padding 0.69 M multiply-adds forward, the
   * re-ID network 295 M; training (forward + backward) about three times the forward pass.
   */
  static final double LENET_TRAIN_FLOP = 4.2e6;
  static final double LENET_INFER_FLOP = 1.38e6;
  static final double REID_TRAIN_FLOP = 1.77e9;
  static final double REID_INFER_FLOP = 0.59e9;

  private final boolean quick;
  private final boolean profile;
  private final ThroughputTable table;
  private final PrintWriter out;

  /** With {@code profile}, each training row is followed by the op types its step spends kernel time in. */
  NetworkThroughput(boolean quick, boolean profile, ThroughputTable table, PrintWriter out) {
    this.quick = quick;
    this.profile = profile;
    this.table = table;
    this.out = out;
  }

  void lenetTraining(int batch, Precision precision) {
    MnistDataset data = MnistDataset.bundledSample();
    ShuffledBatches source = new ShuffledBatches(data.train(), batch, 1);
    List<DigitBatch> batches = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      batches.add(source.get());
    }
    try (LenetModel model = LenetModel.create(precision, 1e-3f, 1)) {
      int[] next = {0};
      double seconds = Timing.medianSeconds(() -> model.trainStep(batches.get(next[0]++ % batches.size())),
          quick ? 20 : 100, quick ? 100 : 500, quick ? 3 : 5);
      table.row("LeNet", "train", batch, precision, seconds, LENET_TRAIN_FLOP);
      if (profile) {
        model.tracer().setTracing(true);
        model.trainStep(batches.get(0));
        model.tracer().lastMetadata().ifPresent(m -> out.println("  profile: " + StepProfile.summarize(m, model.graph(), 8)));
      }
    }
  }

  void lenetInference(int batch) {
    MnistDataset data = MnistDataset.bundledSample();
    DigitBatch probe = DigitBatch.of(data.test(), 0, batch);
    GraphDef frozen;
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 1)) {
      frozen = GraphFreezer.freeze(model.graph(), model.session(), List.of(LenetModel.PROBABILITIES));
    }
    try (FrozenGraph graph = FrozenGraph.fromDefinition(frozen)) {
      double seconds = Timing.medianSeconds(() -> graph.run(LenetModel.INPUT, probe.images(), Shape.of(batch, MnistDataset.PIXELS),
          LenetModel.PROBABILITIES), 20, quick ? 100 : 400, quick ? 3 : 5);
      table.row("LeNet", "infer (frozen)", batch, Precision.FP32, seconds, LENET_INFER_FLOP);
    }
  }

  void reidTraining(int batch, Precision precision) {
    ReidBatch data = BenchFixtures.randomCrops(batch);
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).precision(precision).build()) {
      double seconds = Timing.medianSeconds(() -> model.trainStep(data), 2, quick ? 2 : 5, quick ? 1 : 3);
      table.row("re-ID", "train", batch, precision, seconds, REID_TRAIN_FLOP);
      if (profile) {
        model.tracer().setTracing(true);
        model.trainStep(data);
        model.tracer().lastMetadata().ifPresent(m -> out.println("  profile: " + StepProfile.summarize(m, model.graph(), 8)));
      }
    }
  }

  void reidInference(int batch, Precision precision, Path workDir) {
    ReidBatch data = BenchFixtures.randomCrops(batch);
    Path checkpoint = BenchFixtures.untrainedReidCheckpoint(workDir.resolve("bench-reid"));
    GraphDef frozen;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR, precision, ImageShape.DEFAULT)) {
      frozen = GraphFreezer.freeze(encoder.graph(), encoder.session(), List.of(ReidEncoder.OUTPUT));
    }
    try (FrozenGraph graph = FrozenGraph.fromDefinition(frozen)) {
      double seconds = Timing.medianSeconds(() -> BenchFixtures.inferOnce(graph, data), 2, quick ? 3 : 10, quick ? 1 : 3);
      table.row("re-ID", "infer (frozen)", batch, precision, seconds, REID_INFER_FLOP);
    }
  }
}
