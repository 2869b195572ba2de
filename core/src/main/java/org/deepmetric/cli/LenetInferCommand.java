package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepmetric.infer.DigitClassifier;
import org.deepmetric.infer.DigitInput;
import org.deepmetric.infer.DigitInputs;
import org.deepmetric.infer.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric lenet infer}: the seed's LeNet_online_inference.py. */
@Command(name = "infer", mixinStandardHelpOptions = true,
    header = "Classify .bin files or pictures with a frozen graph.",
    description = {
        "Classify digits with a frozen graph; write one CSV row per image, print accuracy where "
            + "labels exist and 'average infer time: X ms/img, FPS is Y'. Reads DIR/images/input_<i>.bin "
            + "(labels from DIR/labels/input_<i>.bin) and any PNG/JPEG under DIR: pictures are greyed, "
            + "resized to 28x28 bilinearly, scaled to [0,1] and inverted when their border is brighter than "
            + "their middle (MNIST digits are light on dark); a folder named 0-9 gives the label."})
final class LenetInferCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model_path", required = true, paramLabel = "PB", description = "Frozen graph from 'lenet freeze'.")
  Path modelPath;

  @Option(names = "--data_dir", required = true, paramLabel = "DIR", description = "Folder of digits (see above).")
  Path dataDir;

  @Mixin
  SharedOptions.BatchSize batch = new SharedOptions.BatchSize(64);

  @Option(names = "--output", paramLabel = "CSV", defaultValue = "predictions.csv",
      description = "Per-image predictions (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() {
    Predictions predictions;
    List<DigitInput> inputs;
    try (DigitClassifier classifier = DigitClassifier.load(modelPath)) {
      inputs = DigitInputs.read(dataDir);
      predictions = classifier.classify(inputs, batch.batchSize);
    }
    predictions.writeCsv(output);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("classified %d images; predictions in %s%n", inputs.size(), output);
    predictions.accuracy().ifPresent(accuracy ->
        out.printf("accuracy: %.4f (%d labelled images)%n", accuracy, predictions.labelledCount()));
    out.printf("average infer time: %.4f ms/img, FPS is %.1f%n",
        predictions.millisPerImage(), 1000.0 / predictions.millisPerImage());
    return 0;
  }
}
