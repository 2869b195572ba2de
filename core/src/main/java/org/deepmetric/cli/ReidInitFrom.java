package org.deepmetric.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.export.Agreement;
import org.deepmetric.export.OsNetOnnxWeights;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.deepmetric.nn.Precision;
import org.deepmetric.train.ReidTrainingConfig;

/**
 * {@code --init_from MODEL.onnx}: a new run starts from an OSNet the user already has. Its weights
 * are mapped onto the network by structure ({@link OsNetOnnxWeights}), the classifier is new, and
 * before anything is written the Java network must give the ONNX model's features on
 * {@value #CHECK_CROPS} training crops (each cosine at least {@value #MIN_COSINE}, printed); then
 * the run's step-0 checkpoint holds them, and training goes on from it.
 *
 * @param file the ONNX model
 * @param mapped its weights, read once by the command
 */
record ReidInitFrom(Path file, OsNetOnnxWeights.Mapped mapped) {
  static final int CHECK_CROPS = 32;
  static final double MIN_COSINE = 0.9999;

  /** Writes the run's step-0 checkpoint from the ONNX model after the check; a one-line error otherwise. */
  void prepare(ReidTrainingConfig config, ReidDataset data, PrintWriter out) {
    CheckpointStore checkpoints = new CheckpointStore(config.runDir(), config.keepCheckpoints());
    if (checkpoints.latest().isPresent()) {
      throw new DeepMetricException("--init_from starts a run, but " + config.runDir() + " has checkpoints; give a"
          + " new --run_id");
    }
    out.printf(Locale.ROOT, "init_from %s: %s, %d variables mapped by structure; not mapped: %s%n", file,
        mapped.network(), mapped.values().size(), mapped.notMapped().isEmpty() ? "nothing"
            : String.join(", ", mapped.notMapped()));
    Path staging;
    try {
      staging = Files.createTempDirectory("deepmetric-init-from");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (ReidModel model = ReidModel.builder(config.lossMode(), data.numClasses()).network(config.network())
        .imageShape(config.imageShape()).settings(config.recipe().graph()).seed(config.seed()).build()) {
      model.assign(mapped.values());
      Path prefix = staging.resolve("model.ckpt-0");
      CheckpointStore.saveAtomically(model.session(), prefix);
      Agreement cosine = check(prefix, config, data);
      out.printf(Locale.ROOT, "init_from check: the Java network against ONNX Runtime on %d training crops:"
          + " cosine min %.6f, mean %.6f%n", CHECK_CROPS, cosine.minCosine(), cosine.meanCosine());
      if (cosine.minCosine() < MIN_COSINE) {
        throw new DeepMetricException(String.format(Locale.ROOT, "--init_from %s: the mapped network's features"
            + " differ from the model's (cosine %.6f under %.4f); nothing written", file, cosine.minCosine(),
            MIN_COSINE));
      }
      checkpoints.save(model.session(), 0);
    } finally {
      delete(staging);
    }
  }

  /** The least and mean cosine of the two models' features on the first training crops, at the ONNX model's size. */
  private Agreement check(Path prefix, ReidTrainingConfig config, ReidDataset data) {
    List<PersonImage> crops = data.train().subList(0, Math.min(CHECK_CROPS, data.train().size()));
    try (AppearanceModel onnx = AppearanceModel.load(file); CropLoader loader = new CropLoader(2);
         ReidEncoder java = ReidEncoder.restore(prefix, ReidEncoder.ChannelOrder.RGB, Precision.FP32,
             onnx.inputShape(), config.network(), config.recipe().graph().bnNeck())) {
      ReidBatch batch = loader.load(crops, null, onnx.inputShape());
      float[] ours = java.encode(batch);
      float[] theirs = onnx.encode(new ReidBatch(batch.images().clone(), batch.labels(), batch.shape()));
      return Agreement.between(List.of(ours), List.of(theirs), java.featureDim());
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind loses nothing.
    }
  }
}
