package org.deepmetric.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.data.reid.Augmentation;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.reid.Tracklet;
import org.deepmetric.eval.Market1501Evaluation;
import org.deepmetric.eval.MarsEvaluation;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.eval.RankingTask;
import org.deepmetric.eval.Retrieval;
import org.deepmetric.export.GraphFreezer;
import org.deepmetric.export.ModelExport;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.FrozenFeatureEncoder;
import org.deepmetric.infer.FrozenGraph;
import org.deepmetric.infer.OnnxFeatureEncoder;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LenetModel;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.deepmetric.nn.CpuFeatures;
import org.deepmetric.nn.Precision;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySampler;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.deepmetric.export.BatchNormFolding;

/**
 * Throughput of both networks, training and frozen-graph inference, in float32 and bfloat16,
 * against the FLOP ceiling the same run measures. Graph work only: batches are made before the
 * clock starts, warm-up steps are left out, and each figure is the median of several rounds.
 */
public final class Benchmarks {
  /** What {@code --only} can pick. */
  public enum Part {
    LENET, REID, FOLD, ONNX, EVAL, LOADER, WATCHER;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

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
  private final Set<Part> parts;
  private final PrintWriter out;
  private final List<String> rows = new ArrayList<>();
  private double ceilingFp32;
  private double ceilingBf16;

  /**
   * Measures the {@code parts} named (lenet, reid, eval); with {@code profile}, each training row
   * is followed by the op types its step spends kernel time in.
   */
  public Benchmarks(boolean quick, boolean profile, Set<Part> parts, PrintWriter out) {
    this.quick = quick;
    this.profile = profile;
    this.parts = parts;
    this.out = out;
  }

  public void run(Path workDir) {
    out.println(MachineInfo.describe());
    int n = quick ? 1024 : 2048;
    ceilingFp32 = MatMulCeiling.gflops(TFloat32.class, n, quick ? 3 : 10, quick ? 3 : 5);
    List<Precision> precisions = List.of(Precision.values());
    Optional<String> bf16Blocked = CpuFeatures.bf16BlockedByIsaLimit(CpuFeatures.maxIsa());
    if (bf16Blocked.isPresent()) {
      precisions = List.of(Precision.FP32);
      out.println("note: no bf16 figures: " + bf16Blocked.get());
      out.printf(Locale.ROOT, "ceiling: %d x %d matrix product %.0f GFLOP/s float32%n%n", n, n, ceilingFp32);
    } else {
      ceilingBf16 = MatMulCeiling.gflops(TBfloat16.class, n, quick ? 3 : 10, quick ? 3 : 5);
      out.printf(Locale.ROOT, "ceiling: %d x %d matrix product %.0f GFLOP/s float32, %.0f GFLOP/s bfloat16%n%n", n, n,
          ceilingFp32, ceilingBf16);
    }
    out.println("| network | work | batch | precision | ms/step | images/s | GFLOP/s | of ceiling |");
    out.println("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |");
    if (parts.contains(Part.LENET)) {
      for (Precision precision : precisions) {
        lenetTraining(64, precision);
        lenetTraining(256, precision);
      }
      lenetInference(256);
    }
    if (parts.contains(Part.REID)) {
      for (Precision precision : precisions) {
        reidTraining(128, precision);
      }
      for (Precision precision : precisions) {
        reidInference(128, precision, workDir);
      }
    }
    rows.forEach(out::println);
    out.println();
    if (parts.contains(Part.FOLD)) {
      folding(workDir);
    }
    if (parts.contains(Part.ONNX)) {
      onnxRuntime(workDir);
    }
    if (parts.contains(Part.LOADER)) {
      loader(workDir);
    }
    if (parts.contains(Part.WATCHER)) {
      WatcherBenchmark.run(workDir, out);
    }
    if (parts.contains(Part.EVAL)) {
      marketSizedEvaluation();
      marsSizedEvaluation();
    }
  }

  private void lenetTraining(int batch, Precision precision) {
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
      row("LeNet", "train", batch, precision, seconds, LENET_TRAIN_FLOP);
      if (profile) {
        model.tracer().setTracing(true);
        model.trainStep(batches.get(0));
        model.tracer().lastMetadata().ifPresent(m -> out.println("  profile: " + StepProfile.summarize(m, model.graph(), 8)));
      }
    }
  }

  private void lenetInference(int batch) {
    MnistDataset data = MnistDataset.bundledSample();
    DigitBatch probe = DigitBatch.of(data.test(), 0, batch);
    GraphDef frozen;
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 1)) {
      frozen = GraphFreezer.freeze(model.graph(), model.session(), List.of(LenetModel.PROBABILITIES));
    }
    try (FrozenGraph graph = FrozenGraph.fromDefinition(frozen)) {
      double seconds = Timing.medianSeconds(() -> graph.run(LenetModel.INPUT, probe.images(), Shape.of(batch, MnistDataset.PIXELS),
          LenetModel.PROBABILITIES), 20, quick ? 100 : 400, quick ? 3 : 5);
      row("LeNet", "infer (frozen)", batch, Precision.FP32, seconds, LENET_INFER_FLOP);
    }
  }

  private void reidTraining(int batch, Precision precision) {
    ReidBatch data = randomCrops(batch);
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).precision(precision).build()) {
      double seconds = Timing.medianSeconds(() -> model.trainStep(data), 2, quick ? 2 : 5, quick ? 1 : 3);
      row("re-ID", "train", batch, precision, seconds, REID_TRAIN_FLOP);
      if (profile) {
        model.tracer().setTracing(true);
        model.trainStep(data);
        model.tracer().lastMetadata().ifPresent(m -> out.println("  profile: " + StepProfile.summarize(m, model.graph(), 8)));
      }
    }
  }

  /**
   * Frozen re-ID inference in float32 before and after folding batch norm into the convolutions,
   * at batch 1, 32 and 128; the two graphs are timed in alternation so drift hits both alike.
   */
  private void folding(Path workDir) {
    Path checkpoint = workDir.resolve("bench-fold");
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).build()) {
      CheckpointStore.saveAtomically(model.session(), checkpoint);
    }
    GraphDef plain;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      plain = GraphFreezer.freeze(encoder.graph(), encoder.session(), List.of(ReidEncoder.OUTPUT));
    }
    GraphDef folded = BatchNormFolding.fold(plain, List.of(ReidEncoder.OUTPUT)).graph();
    try (FrozenGraph before = FrozenGraph.fromDefinition(plain); FrozenGraph after = FrozenGraph.fromDefinition(folded)) {
      for (int batch : new int[] {1, 32, 128}) {
        ReidBatch data = randomCrops(batch);
        double[] seconds = new double[2];
        for (int round = 0; round < (quick ? 1 : 3); round++) {
          seconds[0] += Timing.medianSeconds(() -> inferOnce(before, data), 2, quick ? 3 : 8, 1);
          seconds[1] += Timing.medianSeconds(() -> inferOnce(after, data), 2, quick ? 3 : 8, 1);
        }
        out.printf(Locale.ROOT, "BN folding, batch %d: %.0f images/s unfolded, %.0f folded (%.2fx)%n", batch,
            batch / seconds[0] * (quick ? 1 : 3), batch / seconds[1] * (quick ? 1 : 3), seconds[0] / seconds[1]);
      }
    }
  }

  /**
   * The deployed re-ID model in TensorFlow (the frozen, batch-norm-folded .pb) and in ONNX Runtime
   * (the deep_sort-layout .onnx) at batch 1, 32 and 128, timed in alternation; both float32 on
   * every core.
   */
  private void onnxRuntime(Path workDir) {
    Path checkpoint = workDir.resolve("bench-onnx");
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).build()) {
      CheckpointStore.saveAtomically(model.session(), checkpoint);
    }
    Path pb = workDir.resolve("bench.pb");
    Path onnx = workDir.resolve("bench.onnx");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.freeze(encoder, pb);
      OnnxExport.write(OnnxExport.reid(encoder, OnnxExport.Layout.DEEP_SORT, Map.of()), onnx);
    }
    try (AppearanceModel tensorflow = FrozenFeatureEncoder.load(pb); AppearanceModel runtime = OnnxFeatureEncoder.load(onnx)) {
      for (int batch : new int[] {1, 32, 128}) {
        ReidBatch data = randomCrops(batch);
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

  private static void inferOnce(FrozenGraph graph, ReidBatch data) {
    try (TUint8 x = TUint8.tensorOf(Shape.of(data.size(), 128, 64, 3), DataBuffers.of(data.images(), true, false));
         Result result = graph.session().runner().feed(ReidEncoder.INPUT, x).fetch(ReidEncoder.OUTPUT).run()) {
      result.get(0);
    }
  }

  private void reidInference(int batch, Precision precision, Path workDir) {
    ReidBatch data = randomCrops(batch);
    Path checkpoint = workDir.resolve("bench-reid");
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).build()) {
      CheckpointStore.saveAtomically(model.session(), checkpoint);
    }
    GraphDef frozen;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR, precision, ImageShape.DEFAULT)) {
      frozen = GraphFreezer.freeze(encoder.graph(), encoder.session(), List.of(ReidEncoder.OUTPUT));
    }
    try (FrozenGraph graph = FrozenGraph.fromDefinition(frozen)) {
      double seconds = Timing.medianSeconds(() -> {
        try (TUint8 x = TUint8.tensorOf(Shape.of(batch, 128, 64, 3), DataBuffers.of(data.images(), true, false));
             Result result = graph.session().runner().feed(ReidEncoder.INPUT, x).fetch(ReidEncoder.OUTPUT).run()) {
          result.get(0);
        }
      }, 2, quick ? 3 : 10, quick ? 1 : 3);
      row("re-ID", "infer (frozen)", batch, precision, seconds, REID_INFER_FLOP);
    }
  }

  /**
   * Crops/s of the training input pipeline (JPEG decode, resize to 128x64, random flip, batches
   * of 128 from the identity sampler) on 1, 2 and 4 threads, over synthetic Market-1501 crops.
   * A GPU step as the original ran it (about 11 steps of 128 per second) needs about 1,400 crops/s.
   */
  private void loader(Path workDir) {
    Path data = workDir.resolve("loader-market1501");
    SyntheticMarket1501.write(data,
        new SynthOptions(200, 6, 0, 0, 1));
    List<PersonImage> train = Market1501.open(data, true, w -> { }).train();
    int batches = quick ? 4 : 12;
    for (int threads : new int[] {1, 2, 4}) {
      try (CropLoader loader = new CropLoader(threads)) {
        var sampler = new IdentitySampler(train, 32, 4, 1, note -> { });
        var supplier = loader.training(sampler, 1, null, ImageShape.DEFAULT, Augmentation.FLIP_ONLY);
        supplier.get();
        long started = System.nanoTime();
        int crops = 0;
        for (int b = 0; b < batches; b++) {
          crops += supplier.get().size();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "loader: %d thread%s, %.0f crops/s (%d crops of %d x %d JPEGs, batches of 128)%n",
            threads, threads == 1 ? "" : "s", crops / seconds, crops, 64, 128);
      }
    }
    out.println("loader: a GPU-sized step (the original's 11 steps of 128 per second) needs about 1,400 crops/s");
  }

  /** Query-by-gallery evaluation at Market-1501's size (3,368 x 19,732, 128-d) on random unit features. */
  private void marketSizedEvaluation() {
    FeatureMatrix query = randomFeatures(3368, 7);
    FeatureMatrix gallery = randomFeatures(19732, 8);
    SplittableRandom random = new SplittableRandom(9);
    RankingTask task = Market1501Evaluation.task(randomPeople(3368, 1, random), query, randomPeople(19732, 0, random),
        gallery, Protocol.KIT);
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long before = heapUsed();
    long started = System.nanoTime();
    Retrieval.evaluate(task, Metric.COSINE, false);
    double seconds = (System.nanoTime() - started) / 1e9;
    long peak = heapPeak();
    out.printf(Locale.ROOT, "Market-1501-sized evaluation (3,368 queries x 19,732 gallery, 128-d, cosine): %.2f s,"
        + " heap peak %.0f MB (%.0f MB of it the features)%n", seconds, peak / 1e6, before / 1e6);
  }

  /**
   * The MARS test split's size (12,180 tracklets of 681,089 frames, 1,980 queries) on synthetic
   * 128-d frame features: each person a random direction, each camera a bias shared by everyone
   * it sees, each tracklet a walk-specific offset, each frame noise; 300 junk and 500 distractor
   * tracklets. The offsets are sized so that ranking is far from perfect.
   * Scored under both protocols from the same features, with time and heap peak of each.
   */
  private void marsSizedEvaluation() {
    SplittableRandom random = new SplittableRandom(11);
    int dim = 128;
    List<Tracklet> tracklets = new ArrayList<>();
    List<PersonImage> frames = new ArrayList<>();
    List<Integer> queries = new ArrayList<>();
    float[][] people = new float[626][];
    for (int person = 1; person <= 625; person++) {
      people[person] = unit(gaussian(random, dim, 1));
      int cameras = random.nextInt(2, 7);
      for (int camera = 1; camera <= cameras; camera++) {
        int walks = random.nextInt(1, 9);
        for (int walk = 0; walk < walks; walk++) {
          if (walk == 0 && queries.size() < 1980 && camera <= 4) {
            queries.add(tracklets.size());
          }
          tracklets.add(track(frames, person, camera, random.nextInt(20, 93)));
        }
      }
    }
    for (int n = 0; n < 800; n++) {
      tracklets.add(track(frames, n < 300 ? -1 : 0, random.nextInt(1, 7), random.nextInt(20, 93)));
    }
    float[][] cameraBias = new float[7][];
    for (int camera = 1; camera <= 6; camera++) {
      cameraBias[camera] = gaussian(random, dim, 0.05);
    }
    float[] values = new float[frames.size() * dim];
    float[] offset = new float[dim];
    for (Tracklet t : tracklets) {
      float[] base = t.personId() > 0 ? people[t.personId()] : unit(gaussian(random, dim, 1));
      float[] shift = gaussian(random, dim, 0.11);
      for (int i = t.start(); i <= t.end(); i++) {
        float[] noise = gaussian(random, dim, 0.06);
        for (int k = 0; k < dim; k++) {
          offset[k] = base[k] + cameraBias[t.camera()][k] + shift[k] + noise[k];
        }
        System.arraycopy(unit(offset), 0, values, i * dim, dim);
      }
    }
    FeatureMatrix features = new FeatureMatrix(values, frames.size(), dim);
    int[] queryRows = queries.stream().mapToInt(Integer::intValue).toArray();
    for (Protocol protocol : Protocol.values()) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      RankingTask task = MarsEvaluation.task(frames, features, tracklets, queryRows, protocol,
          MarsEvaluation.Pooling.MEAN);
      RankingMetrics metrics = Retrieval.evaluate(task, Metric.COSINE, false);
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "MARS-sized evaluation (%,d tracklets of %,d frames, %,d queries; %s): %.2f s,"
          + " heap peak %.0f MB (%.0f MB of it the frame features)%n  %s%n", tracklets.size(), frames.size(),
          queryRows.length, task.galleryRule(), seconds, heapPeak() / 1e6, values.length * 4 / 1e6, metrics.summary());
    }
  }

  private static Tracklet track(List<PersonImage> frames, int person, int camera, int length) {
    int start = frames.size();
    for (int f = 0; f < length; f++) {
      frames.add(new PersonImage(Path.of(start + f + ".jpg"), person, camera, 1, f));
    }
    return new Tracklet(start, start + length - 1, person, camera);
  }

  private static float[] gaussian(SplittableRandom random, int dim, double sigma) {
    float[] v = new float[dim];
    for (int k = 0; k < dim; k++) {
      v[k] = (float) (sigma * random.nextGaussian());
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = new float[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = (float) (v[k] / Math.sqrt(norm));
    }
    return out;
  }

  private static long heapPeak() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void row(String network, String work, int batch, Precision precision, double seconds, double flopPerImage) {
    double imagesPerSecond = batch / seconds;
    double gflops = imagesPerSecond * flopPerImage / 1e9;
    double ceiling = precision == Precision.BF16 ? ceilingBf16 : ceilingFp32;
    String label = precision == Precision.BF16 && !CpuFeatures.hasBf16(CpuFeatures.flags()) ? "bf16 (emulated)"
        : precision.toString();
    rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.0f | %.1f | %.0f%% |", network, work, batch,
        label, seconds * 1000, imagesPerSecond, gflops, 100 * gflops / ceiling));
    out.printf(Locale.ROOT, "measured %s %s batch %d %s: %.0f images/s%n", network, work, batch, precision,
        imagesPerSecond);
  }

  /** {@code count} crops of random people (ids from {@code firstId} to 750) and cameras 1-6. */
  private static List<PersonImage> randomPeople(int count, int firstId, SplittableRandom random) {
    List<PersonImage> people = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      people.add(new PersonImage(Path.of(i + ".jpg"), random.nextInt(firstId, 751), random.nextInt(1, 7), 1, i));
    }
    return people;
  }

  private static ReidBatch randomCrops(int batch) {
    SplittableRandom random = new SplittableRandom(3);
    byte[] pixels = new byte[batch * ImageShape.DEFAULT.bytes()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = 1 + i / 4;
    }
    return new ReidBatch(pixels, labels, ImageShape.DEFAULT);
  }

  private static FeatureMatrix randomFeatures(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count * 128];
    for (int i = 0; i < count; i++) {
      double norm = 0;
      for (int k = 0; k < 128; k++) {
        values[i * 128 + k] = (float) random.nextGaussian();
        norm += values[i * 128 + k] * values[i * 128 + k];
      }
      for (int k = 0; k < 128; k++) {
        values[i * 128 + k] /= (float) Math.sqrt(norm);
      }
    }
    return new FeatureMatrix(values, count, 128);
  }
}
