package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
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

  @Option(names = "--mot_dir", required = true, paramLabel = "DIR",
      description = "Folder of MOT sequences, on a file system every executor mounts.")
  Path motDir;

  @Option(names = "--detection_dir", paramLabel = "DIR",
      description = "Where <sequence>/det/det.txt are, when not in --mot_dir.")
  Path detectionDir;

  @Option(names = "--output_dir", required = true, paramLabel = "DIR", description = "Where the .npy files go.")
  Path outputDir;

  @Option(names = "--parquet", paramLabel = "PARQUET_DIR",
      description = "The table of all rows (default: <output_dir>/detections.parquet).")
  String parquet;

  @Override
  void run(SparkSession spark, PrintWriter out) {
    String table = parquet != null ? parquet : outputDir.resolve("detections.parquet").toString();
    Map<String, Long> counts = DetectionExtraction.run(spark, model, motDir, detectionDir, outputDir, table);
    counts.forEach((name, rows) -> out.printf("%s: %d detections -> %s%n", name, rows,
        outputDir.resolve(name + ".npy")));
    out.printf("all rows -> %s%n", table);
  }
}
