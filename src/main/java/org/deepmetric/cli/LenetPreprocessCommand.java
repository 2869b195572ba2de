package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepmetric.data.DigitSet;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.export.BinFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric lenet preprocess}: the seed's LeNet_preprocess.py. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
    header = "Write digits as the seed's .bin files.",
    description = {
        "Write digits as headerless binary files for offline inference (the seed's layout):",
        "  OUTPUT/images/input_<i>.bin  784 float32 values in [0,1], little-endian (3,136 bytes)",
        "  OUTPUT/labels/input_<i>.bin  one-hot label, 10 float64 values, little-endian (80 bytes)"})
final class LenetPreprocessCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data_path", paramLabel = "DIR",
      description = "MNIST-format folder; without MNIST files there, the bundled sample (default: ${DEFAULT-VALUE}).")
  Path dataPath = Path.of(LenetTrainCommand.DEFAULT_DATA_PATH);

  @Option(names = "--output_path", paramLabel = "DIR", defaultValue = "./preprocessed",
      description = "Where images/ and labels/ go (default: ${DEFAULT-VALUE}).")
  Path outputPath;

  @Option(names = "--split", defaultValue = "test", description = "test or train (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--limit", paramLabel = "N", description = "Write only the first N digits.")
  Integer limit;

  @Override
  public Integer call() {
    if (!split.equals("test") && !split.equals("train")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--split must be test or train, got '" + split + "'");
    }
    boolean pathGiven = spec.commandLine().getParseResult().hasMatchedOption("--data_path");
    MnistDataset data = MnistDataset.open(dataPath, pathGiven, notice -> System.out.println("note: " + notice));
    DigitSet set = split.equals("test") ? data.test() : data.train();
    int count = limit == null ? set.size() : Math.min(set.size(), Checks.positive(spec, "--limit", limit));
    BinFiles.write(set, count, outputPath);
    System.out.printf("wrote %d %s digits of %s to %s/{images,labels}%n", count, split, data.origin(), outputPath);
    return 0;
  }
}
