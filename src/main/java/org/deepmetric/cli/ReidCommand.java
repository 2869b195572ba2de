package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySplit;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.ValidationWatcher;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;
import org.deepmetric.train.CheckpointStore;
import org.deepmetric.train.ReidTraining;
import org.deepmetric.train.ReidTrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The flags that {@code train_market1501.py} and {@code train_mars.py} share, spelled as there,
 * and the modes they run; the subclasses say which dataset layout to open and what to export.
 */
abstract class ReidCommand implements Callable<Integer> {
  static final int ENCODE_BATCH = 64;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset_dir", paramLabel = "DIR",
      description = "The dataset's folder (train, eval and export; freeze, finalize and savedmodel need only a checkpoint).")
  Path datasetDir;

  @Option(names = "--mode", defaultValue = "train", description = {
      "train: train, resuming the run folder's latest checkpoint (default)",
      "eval: evaluate each new checkpoint of the run on its validation identities (CMC)",
      "export: write test-split features as .mat files for the dataset's evaluation kit",
      "freeze: write a frozen graph for deep_sort (images uint8 BGR -> features)",
      "finalize: write a checkpoint of the network's variables only",
      "savedmodel: write a SavedModel (serving_default: images -> features)"})
  String mode;

  @Option(names = "--loss_mode", defaultValue = "cosine-softmax", converter = LossModeConverter.class,
      description = "cosine-softmax, triplet or magnet (default: ${DEFAULT-VALUE}).")
  LossMode lossMode;

  @Option(names = "--log_dir", paramLabel = "DIR",
      description = "Parent of the run folder (default: ./output/<dataset>).")
  Path logDir;

  @Option(names = "--run_id", paramLabel = "NAME",
      description = "Run folder under --log_dir: checkpoints, events, split, log (default: the loss mode).")
  String runId;

  @Option(names = "--restore_path", paramLabel = "CKPT",
      description = "Start from this checkpoint instead of the run folder's latest.")
  Path restorePath;

  @Option(names = "--batch_size", defaultValue = "128",
      description = "Crops per batch, 4 per identity (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--learning_rate", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--number_of_steps", defaultValue = "0",
      description = "Global step to stop at; 0 trains until Ctrl-C, which saves first (default: ${DEFAULT-VALUE}).")
  long numberOfSteps;

  @Option(names = "--precision_mode", defaultValue = "fp32", converter = PrecisionConverter.class,
      description = {"fp32, or bf16: convolutions in bfloat16 over float32 weights (default: ${DEFAULT-VALUE}).",
          "With --mode=freeze, bf16 makes a faster graph for TensorFlow 2.x CPUs; deep_sort on TensorFlow 1.x needs fp32."})
  Precision precision;

  @Option(names = "--save_interval_secs", defaultValue = "300",
      description = "Seconds between checkpoints (default: ${DEFAULT-VALUE}).")
  double saveIntervalSecs;

  @Option(names = "--save_summaries_secs", defaultValue = "60",
      description = "Seconds between TensorBoard summaries (default: ${DEFAULT-VALUE}).")
  double saveSummariesSecs;

  @Option(names = "--keep_checkpoints", defaultValue = "0",
      description = "Newest checkpoints to keep, 0 for all (default: ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(names = "--strict", description = "Fail on a malformed file name instead of skipping it.")
  boolean strict;

  @Option(names = "--loader_threads", defaultValue = "4", description = "JPEG decoding threads (default: ${DEFAULT-VALUE}).")
  int loaderThreads;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for weights, batches and flips (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--eval_log_dir", paramLabel = "DIR",
      description = "eval: where RUN_ID's TensorBoard events and cmc.csv go (default: ./eval_output/<dataset>).")
  Path evalLogDir;

  @Option(names = "--eval_interval_secs", defaultValue = "60",
      description = "eval: seconds between looks at the run folder (default: ${DEFAULT-VALUE}).")
  double evalIntervalSecs;

  @Option(names = "--once", description = "eval: evaluate the latest checkpoint and exit.")
  boolean once;

  @Option(names = "--mat_layout", defaultValue = "columns",
      description = "export: columns (128 x N, what the MATLAB kits compute with) or rows (N x 128, as the original wrote).")
  String matLayout;

  @Option(names = "--output", paramLabel = "PATH",
      description = "freeze/finalize/savedmodel: where to write (default: <dataset>.pb, <dataset>.ckpt, <dataset>_savedmodel).")
  Path output;

  abstract String datasetName();

  abstract ReidDataset open(Path dir, boolean strict);

  /** How many random galleries the validation protocol draws (10 for Market-1501, 20 for MARS). */
  abstract int validationGalleries();

  /** Writes the test split's features where the dataset's evaluation kit expects them. */
  abstract void exportFeatures(ReidDataset data, ReidEncoder encoder, CropLoader loader, MatFeatures.Layout layout);

  @Override
  public Integer call() throws InterruptedException {
    if (datasetDir == null && Set.of("train", "eval", "export").contains(mode)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mode=" + mode + " needs --dataset_dir");
    }
    switch (mode) {
      case "train" -> train();
      case "eval" -> evaluate();
      case "export" -> export();
      case "freeze", "finalize", "savedmodel" -> exportModel();
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--mode must be train, eval, export, freeze, finalize or savedmodel, got '" + mode + "'");
    }
    return 0;
  }

  private Path runDir() {
    return (logDir != null ? logDir : Path.of("output", datasetName())).resolve(runId != null ? runId : lossMode.toString());
  }

  /** --restore_path, or the run folder's latest checkpoint. */
  private Path checkpoint() {
    if (restorePath != null) {
      return CheckpointStore.resolve(restorePath);
    }
    return new CheckpointStore(runDir(), 0).latest().orElseThrow(() -> new DeepMetricException(
        "no checkpoint in " + runDir() + ": pass --restore_path or train first"));
  }

  private Metric metric() {
    return lossMode.usesCosineDistance() ? Metric.COSINE : Metric.SQUARED_EUCLIDEAN;
  }

  private void evaluate() throws InterruptedException {
    ReidDataset data = open(datasetDir, strict);
    Path runDir = runDir();
    java.util.List<PersonImage> validation = IdentitySplit.forRun(runDir, data.train()).validation(data.train());
    Path evalDir = (evalLogDir != null ? evalLogDir : Path.of("eval_output", datasetName())).resolve(runDir.getFileName());
    ValidationWatcher watcher = new ValidationWatcher(runDir, evalDir, validation, metric(), validationGalleries(),
        System.out);
    if (once) {
      if (restorePath != null) {
        watcher.evaluate(checkpoint());
      } else if (!watcher.evaluateLatest()) {
        System.out.println("nothing new to evaluate in " + runDir);
      }
    } else {
      watcher.watch(evalIntervalSecs);
    }
  }

  private void export() {
    MatFeatures.Layout layout = switch (matLayout) {
      case "columns" -> MatFeatures.Layout.COLUMNS;
      case "rows" -> MatFeatures.Layout.ROWS;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--mat_layout must be columns or rows, got '" + matLayout + "'");
    };
    ReidDataset data = open(datasetDir, strict);
    Path prefix = checkpoint();
    try (ReidEncoder encoder = ReidEncoder.restore(prefix, ReidEncoder.ChannelOrder.RGB);
         CropLoader loader = new CropLoader(loaderThreads)) {
      exportFeatures(data, encoder, loader, layout);
    }
  }

  private void exportModel() {
    Path prefix = checkpoint();
    ReidEncoder.ChannelOrder order = mode.equals("finalize") ? ReidEncoder.ChannelOrder.RGB : ReidEncoder.ChannelOrder.BGR;
    try (ReidEncoder encoder = ReidEncoder.restore(prefix, order, mode.equals("freeze") ? precision : Precision.FP32)) {
      switch (mode) {
        case "freeze" -> {
          Path target = output != null ? output : Path.of(datasetName() + ".pb");
          var frozen = ModelExport.freeze(encoder, target);
          System.out.printf("froze %s into %s: %d nodes, %d bytes; input 'images' uint8 BGR [None,128,64,3],"
              + " output 'features' float32 [None,128]; %s convolutions%n", prefix, target, frozen.getNodeCount(),
              frozen.getSerializedSize(), precision);
        }
        case "finalize" -> {
          Path target = output != null ? output : Path.of(datasetName() + ".ckpt");
          ModelExport.finalizeCheckpoint(encoder, target);
          System.out.println("wrote the network's variables of " + prefix + " to " + target + ".index/.data-*");
        }
        default -> {
          Path target = output != null ? output : Path.of(datasetName() + "_savedmodel");
          ModelExport.savedModel(encoder, target);
          System.out.println("wrote SavedModel " + target + " (signature " + ModelExport.SIGNATURE
              + ": images uint8 BGR -> features)");
        }
      }
    }
  }

  private void train() {
    Checks.positive(spec, "--batch_size", batchSize);
    if (batchSize % ReidTrainingConfig.IMAGES_PER_IDENTITY != 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--batch_size must be a multiple of " + ReidTrainingConfig.IMAGES_PER_IDENTITY + ", got " + batchSize);
    }
    ReidTrainingConfig config = new ReidTrainingConfig(runDir().getParent(), runDir().getFileName().toString(),
        lossMode, batchSize, Checks.positive(spec, "--learning_rate", learningRate), Math.max(0, numberOfSteps),
        restorePath, precision, saveIntervalSecs, saveSummariesSecs, Math.max(0, keepCheckpoints),
        Checks.positive(spec, "--loader_threads", loaderThreads), seed);
    ReidDataset data = open(datasetDir, strict);
    new ReidTraining(config, System.out, System.err).run(data);
  }

  static void warn(String message) {
    System.out.println("warning: " + message);
  }
}
