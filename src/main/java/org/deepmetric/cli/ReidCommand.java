package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.models.LossMode;
import org.deepmetric.nn.Precision;
import org.deepmetric.train.ReidTraining;
import org.deepmetric.train.ReidTrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The flags that {@code train_market1501.py} and {@code train_mars.py} share, spelled as there;
 * the subclasses say which dataset layout to open.
 */
abstract class ReidCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset_dir", required = true, paramLabel = "DIR", description = "The dataset's folder.")
  Path datasetDir;

  @Option(names = "--mode", defaultValue = "train", description = "What to do: train (default: ${DEFAULT-VALUE}).")
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
      description = "fp32, or bf16: convolutions in bfloat16 over float32 weights (default: ${DEFAULT-VALUE}).")
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

  abstract String datasetName();

  abstract ReidDataset open(Path dir, boolean strict);

  @Override
  public Integer call() {
    if (!mode.equals("train")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be train, got '" + mode + "'");
    }
    Checks.positive(spec, "--batch_size", batchSize);
    if (batchSize % ReidTrainingConfig.IMAGES_PER_IDENTITY != 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--batch_size must be a multiple of " + ReidTrainingConfig.IMAGES_PER_IDENTITY + ", got " + batchSize);
    }
    ReidTrainingConfig config = new ReidTrainingConfig(
        logDir != null ? logDir : Path.of("output", datasetName()), runId != null ? runId : lossMode.toString(),
        lossMode, batchSize, Checks.positive(spec, "--learning_rate", learningRate), Math.max(0, numberOfSteps),
        restorePath, precision, saveIntervalSecs, saveSummariesSecs, Math.max(0, keepCheckpoints),
        Checks.positive(spec, "--loader_threads", loaderThreads), seed);
    ReidDataset data = open(datasetDir, strict);
    new ReidTraining(config, System.out, System.err).run(data);
    return 0;
  }

  static void warn(String message) {
    System.out.println("warning: " + message);
  }
}
