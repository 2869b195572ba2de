package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepmetric.flags.Numbers;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.MnistDownloader;
import org.deepmetric.train.LenetTraining;
import org.deepmetric.train.LenetTrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric lenet train}: the seed's train_full_1p.sh (and, with --steps 100 --epochs 1, train_performance_1p.sh). */
@Command(name = "train", mixinStandardHelpOptions = true,
    header = "Train LeNet-5 and report the seed's figures.",
    description = {
        "Train LeNet-5 and report Final Accuracy, Final Performance images/sec and E2E Training "
            + "Duration sec. Writes checkpoints (OUTPUT/checkpoints), the per-step log (OUTPUT/train.log), "
            + "TensorBoard events (OUTPUT/train) and the report (OUTPUT/report.txt). With no MNIST files in "
            + "--data_path it trains on the bundled 10,000-digit sample."})
final class LenetTrainCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  SharedOptions.DataPath data;

  @Option(names = "--download", description = "Fetch the four MNIST files into --data_path first (needs a network).")
  boolean download;

  @Mixin
  SharedOptions.BatchSize batch = new SharedOptions.BatchSize(64);

  @Option(names = "--steps", defaultValue = "1000", converter = Numbers.PositiveInt.class,
      description = "Steps per epoch (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--epochs", defaultValue = "5", converter = Numbers.PositiveInt.class,
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = {"--learning_rate", "--learing_rata"}, defaultValue = "0.001", converter = Numbers.PositiveFloat.class,
      description = "Adam learning rate; --learing_rata is the seed's spelling (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Mixin
  SharedOptions.PrecisionOption precision;

  @Mixin
  SharedOptions.Seed seed;

  @Option(names = {"--output_dir", "--output_path"}, paramLabel = "DIR", defaultValue = "./output",
      description = "Where checkpoints, logs, events and the report go (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Mixin
  SharedOptions.RestorePath restore;

  @Option(names = {"--keep_checkpoints", "--ckpt_count"}, defaultValue = "5", converter = Numbers.NonNegativeInt.class,
      description = "Newest checkpoints to keep, 0 for all; --ckpt_count is the seed's name (default: ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(names = {"--loss_scale_value", "--loss_scale_flag", "--over_dump", "--data_dump_flag", "--data_dump_step",
      "--profiling", "--random_remove"}, paramLabel = "VALUE", hidden = true,
      description = "The seed's NPU-only flags: accepted so its scripts run, with a note that they change nothing.")
  List<String> npuOnly = new ArrayList<>();

  @Mixin
  SharedOptions.CheckpointNamesOption checkpointNames;

  @Option(names = "--validation_size", defaultValue = "5000", converter = Numbers.NonNegativeInt.class,
      description = "Training digits held out and scored each epoch, at most a tenth of them (default: ${DEFAULT-VALUE}).")
  int validationSize;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    for (String flag : List.of("--loss_scale_value", "--loss_scale_flag", "--over_dump", "--data_dump_flag",
        "--data_dump_step", "--profiling", "--random_remove")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        err.println("note: " + flag + " configures the Ascend NPU only; it changes nothing here");
      }
    }
    LenetTrainingConfig config = LenetTrainingConfig.in(outputDir).batchSize(batch.batchSize).stepsPerEpoch(steps)
        .epochs(epochs).learningRate(learningRate).seed(seed.seed).precision(precision.effective(err))
        .restorePath(restore.restorePath).keepCheckpoints(keepCheckpoints).validationSize(validationSize)
        .checkpointNames(checkpointNames.names).build();
    if (download) {
      MnistDownloader.standard().downloadInto(data.dataPath);
    }
    boolean pathGiven = spec.commandLine().getParseResult().hasMatchedOption("--data_path");
    MnistDataset mnist = MnistDataset.open(data.dataPath, pathGiven, notice -> err.println("note: " + notice));
    int heldOut = LenetTraining.heldOut(validationSize, mnist.train().size());
    if (heldOut < validationSize && spec.commandLine().getParseResult().hasMatchedOption("--validation_size")) {
      err.printf("note: --validation_size %d is more than a tenth of the %d training digits; holding out %d%n",
          validationSize, mnist.train().size(), heldOut);
    }
    new LenetTraining(config, spec.commandLine().getOut(), err).run(mnist);
    return 0;
  }
}
