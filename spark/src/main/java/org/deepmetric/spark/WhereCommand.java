package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.data.Images;
import org.deepmetric.flags.Numbers;
import org.deepmetric.infer.TrackSearch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric spark where}. */
@Command(name = "where", mixinStandardHelpOptions = true,
    header = "Where did this person go, over a track table of any size.",
    description = {
        "Ranks the tracks of a table that `spark tracks` wrote by cosine distance to a query: one of its tracks "
            + "(--query CAMERA:ID, itself left out) or a crop (--query_image, described by --model). Writes the "
            + "top --top_k to the Parquet table --output (query_path, rank, gallery_path, distance) and prints them "
            + "as `where` does (rank, camera, track, first and last second, boxes, distance); the same ranking as "
            + "`where` on one machine."})
final class WhereCommand extends JobCommand {
  @Option(names = "--tracks", required = true, paramLabel = "PARQUET_DIR", description = "The table of spark tracks.")
  String tracks;

  @Option(names = "--query", paramLabel = "CAMERA:ID", description = "A track of the table, as CAM-01:7.")
  String query;

  @Option(names = "--query_image", paramLabel = "IMAGE", description = "A crop of the person (needs --model).")
  Path queryImage;

  @Option(names = "--model", paramLabel = "PB|ONNX", description = "The model the tracks' features came from.")
  String model;

  @Option(names = "--output", required = true, paramLabel = "PARQUET_DIR",
      description = "The ranking, replaced as a whole when the job succeeds.")
  String output;

  @Option(names = "--top_k", defaultValue = "10", converter = Numbers.PositiveInt.class,
      description = "Tracks kept and printed (default: ${DEFAULT-VALUE}).")
  int topK;

  @Override
  void checkFlags() {
    if ((query == null) == (queryImage == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give one of --query CAMERA:ID or --query_image");
    }
    if (queryImage != null && model == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--query_image needs --model to describe the crop");
    }
  }

  @Override
  Map<String, String> localInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("--tracks", tracks);
    if (queryImage != null) {
      inputs.put("--query_image", queryImage.toString());
      inputs.put("--model", model);
    }
    return inputs;
  }

  @Override
  void run(SparkSession spark, PrintWriter out) {
    Dataset<Row> table = Tables.read(spark, "--tracks " + tracks, () -> spark.read().parquet(tracks));
    if (!List.of(table.columns()).containsAll(List.of(TrackTable.ROWS.fieldNames()))) {
      throw new org.deepmetric.DeepMetricException("--tracks " + tracks + ": not a track table (write one with spark"
          + " tracks)");
    }
    FeatureRow row = query != null ? TrackRanking.track(table, query, tracks)
        : new FeatureRow(queryImage.toUri().toString(), null, null, TrackSearch.describe(ModelCache.get(model),
            Images.read(queryImage), spec.commandLine().getErr()));
    TrackRanking.run(spark, table, row, output, topK).forEach(out::println);
    out.println("ranking: " + output);
  }
}
