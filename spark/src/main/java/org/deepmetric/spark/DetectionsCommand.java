package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.flags.MotFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepmetric spark detections}. */
@Command(name = "detections", mixinStandardHelpOptions = true,
    header = "deep_sort's generate_detections over many MOT sequences, one task each.",
    description = {
        "For each MOTChallenge sequence in --mot_dir (img1/*.jpg, det/det.txt), writes <sequence>.npy to "
            + "--output_dir exactly as `generate-detections` does (float32 N x (10 + D): the det.txt columns, "
            + "then the features), and all rows to one Parquet table (sequence, frame, id, bb_left, bb_top, "
            + "bb_width, bb_height, conf, x, y, z, features)."})
final class DetectionsCommand extends JobCommand {
  @Option(names = "--model", required = true, paramLabel = "PB|ONNX",
      description = "Frozen graph (.pb) or deep_sort-layout ONNX model (.onnx).")
  String model;

  // The folders must be on a file system every executor mounts.
  @Mixin
  MotFolders folders;

  @Option(names = "--parquet", paramLabel = "PARQUET_DIR",
      description = "The table of all rows (default: <output_dir>/detections.parquet).")
  String parquet;

  @Override
  Map<String, String> localInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("--model", model);
    inputs.put("--mot_dir", folders.motDir().toString());
    return inputs;
  }

  @Override
  void run(SparkSession spark, PrintWriter out) {
    Path outputDir = folders.outputDir();
    String table = parquet != null ? parquet : outputDir.resolve("detections.parquet").toString();
    Map<String, Long> counts = DetectionExtraction.run(spark, model, folders.motDir(), folders.detectionRoot(),
        outputDir, table);
    counts.forEach((name, rows) -> out.printf("%s: %d detections -> %s%n", name, rows,
        outputDir.resolve(name + ".npy")));
    out.printf("all rows -> %s%n", table);
  }
}
