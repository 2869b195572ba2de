package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepmetric.flags.Numbers;
import org.deepmetric.data.DigitSet;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.io.BinFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import java.util.Locale;

/** {@code deepmetric lenet preprocess}: the seed's LeNet_preprocess.py. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
    header = "Write digits as the seed's .bin files.",
    description = {
        "Write digits as headerless binary files for offline inference (the seed's layout):",
        "  images/input_<i>.bin  784 float32 values in [0,1], little-endian (3,136 bytes)",
        "  labels/input_<i>.bin  one-hot label, 10 float64 values, little-endian (80 bytes)",
        "Both folders go into --output_path."})
final class LenetPreprocessCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The splits {@code --split} names. */
  enum Split {
    TEST, TRAIN;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Mixin
  SharedOptions.DataPath data;

  @Option(names = "--output_path", paramLabel = "DIR", defaultValue = "./preprocessed",
      description = "Where images/ and labels/ go (default: ${DEFAULT-VALUE}).")
  Path outputPath;

  @Option(names = "--split", defaultValue = "test", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Split split;

  @Option(names = "--limit", paramLabel = "N", converter = Numbers.PositiveInt.class,
      description = "Write only the first N digits.")
  Integer limit;

  @Override
  public Integer call() {
    boolean pathGiven = spec.commandLine().getParseResult().hasMatchedOption("--data_path");
    MnistDataset mnist = MnistDataset.open(data.dataPath, pathGiven,
        notice -> spec.commandLine().getErr().println("note: " + notice));
    DigitSet set = split == Split.TEST ? mnist.test() : mnist.train();
    int count = limit == null ? set.size() : Math.min(set.size(), limit);
    BinFiles.write(outputPath, count, set::scaled, i -> set.labels()[i], set.numClasses());
    spec.commandLine().getOut().printf("wrote %d %s digits of %s to %s/{images,labels}%n", count, split, mnist.origin(),
        outputPath);
    return 0;
  }
}
