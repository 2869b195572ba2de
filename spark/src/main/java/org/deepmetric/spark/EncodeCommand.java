package org.deepmetric.spark;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.flags.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric spark encode}. */
@Command(name = "encode", mixinStandardHelpOptions = true,
    header = "Images -> a Parquet table of appearance features.",
    description = {
        "Encodes every JPEG and PNG under --images (a folder, searched recursively, or a glob) with a frozen "
            + "graph or ONNX model and appends rows (path, identity, camera, features) to the Parquet table "
            + "--output. Identity and camera come from Market-1501 or MARS file names, null otherwise. Images "
            + "are resized bilinearly to the model's input, as `market1501 --mode=export` does. A rerun skips "
            + "the paths the table already holds, so a stopped job resumes."})
final class EncodeCommand extends JobCommand {
  @Option(names = "--model", required = true, paramLabel = "PB|ONNX",
      description = "Frozen graph (.pb) or deep_sort-layout ONNX model (.onnx), on a file system every executor "
          + "reads, or shipped with spark-submit --files.")
  String model;

  @Option(names = "--images", required = true, paramLabel = "DIR|GLOB",
      description = "Images to encode: a folder (searched recursively) or a glob, any Hadoop file system URI.")
  String images;

  @Option(names = "--output", required = true, paramLabel = "PARQUET_DIR", description = "The feature table.")
  String output;

  @Option(names = "--batch_size", defaultValue = "64", converter = Numbers.PositiveInt.class,
      description = "Images per model call in each task (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  Map<String, String> localInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("--model", model);
    inputs.put("--images", images);
    return inputs;
  }

  @Override
  void run(SparkSession spark, PrintWriter out) {
    FeatureEncoding.Outcome outcome = FeatureEncoding.run(spark, model, images, output, batchSize);
    out.printf("encoded %,d images into %s (%,d already there)%n", outcome.encoded(), output, outcome.alreadyThere());
  }
}
