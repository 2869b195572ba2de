package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric spark tracks}. */
@Command(name = "tracks", mixinStandardHelpOptions = true,
    header = "Every camera's tracks -> a Parquet table of track features, one task per camera.",
    description = {
        "Reads a multi-camera set (--mot_dir: one MOTChallenge sequence per camera and cameras.csv) and its tracks "
            + "(--result_dir/<camera>.txt, as mtmc or track writes them), summarises each track as `where` does (the "
            + "mean of its detections' normalised features from --detection_dir's .npy files or --model; its first "
            + "and last second on the common clock) and writes the Parquet table --output: path (CAMERA:ID), "
            + "identity (null), camera (its number), features, sequence, track, first_s, last_s, boxes. "
            + "`spark where` and `spark search` rank it."})
final class TracksCommand extends JobCommand {
  @Option(names = "--mot_dir", required = true, paramLabel = "DIR", description = "The cameras' sequences and cameras.csv.")
  Path motDir;

  @Option(names = "--result_dir", required = true, paramLabel = "DIR", description = "<camera>.txt tracks.")
  Path resultDir;

  @Option(names = "--detection_dir", paramLabel = "DIR", description = "<camera>.npy features (generate-detections).")
  Path detectionDir;

  @Option(names = "--model", paramLabel = "PB|ONNX", description = "The appearance model, run on each camera's det.txt.")
  String model;

  @Option(names = "--output", required = true, paramLabel = "PARQUET_DIR",
      description = "The track table, replaced as a whole when the job succeeds.")
  String output;

  @Override
  void checkFlags() {
    if ((detectionDir == null) == (model == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give one of --detection_dir or --model");
    }
  }

  @Override
  Map<String, String> localInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("--mot_dir", motDir.toString());
    inputs.put("--result_dir", resultDir.toString());
    if (detectionDir != null) {
      inputs.put("--detection_dir", detectionDir.toString());
    } else {
      inputs.put("--model", model);
    }
    return inputs;
  }

  @Override
  void run(SparkSession spark, PrintWriter out) {
    TrackTable.Outcome outcome = TrackTable.run(spark, motDir, resultDir,
        new TrackTable.Features(detectionDir == null ? null : detectionDir.toString(), model), output);
    out.printf("wrote %,d tracks to %s%s%n", outcome.tracks(), output, outcome.withoutFeature() == 0 ? ""
        : String.format(" (%,d without a feature left out)", outcome.withoutFeature()));
  }
}
