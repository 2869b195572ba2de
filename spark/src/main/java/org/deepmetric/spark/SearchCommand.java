package org.deepmetric.spark;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.flags.Numbers;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric spark search}. */
@Command(name = "search", mixinStandardHelpOptions = true,
    header = "The k nearest gallery items of every query, over a gallery of any size.",
    description = {
        "Reads two feature tables that `spark encode` wrote and writes the Parquet table --output with rows "
            + "(query_path, rank, gallery_path, distance), ranks from 1. Distances are computed a block at a "
            + "time on the executors; no machine holds the whole distance matrix or gallery.",
        "",
        "With --protocol market1501 (images named by Market-1501's convention), junk is left out of the "
            + "lists as `evaluate` leaves it out, and CMC and mAP are printed: Rank-k exact for k <= --top_k, "
            + "mAP exact when every true match is within the top k, else given as the interval it must lie in."})
final class SearchCommand extends JobCommand {
  /** Query passes over the gallery: 10,000 queries x 128 floats are 5 MB to broadcast. */
  static final String QUERY_CHUNK = "10000";

  @Option(names = "--query", required = true, paramLabel = "PARQUET_DIR", description = "The query feature table.")
  String query;

  @Option(names = "--gallery", required = true, paramLabel = "PARQUET_DIR", description = "The gallery feature table.")
  String gallery;

  @Option(names = "--output", required = true, paramLabel = "PARQUET_DIR",
      description = "The matches, replaced as a whole when the job succeeds.")
  String output;

  @Option(names = "--top_k", defaultValue = "10", converter = Numbers.PositiveInt.class,
      description = "Matches kept per query (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--metric", defaultValue = "cosine",
      description = "cosine (cosine-softmax features) or euclidean (squared; triplet and magnet features); "
          + "default: ${DEFAULT-VALUE}.")
  Metric metric;

  @Option(names = "--protocol", paramLabel = "market1501",
      description = "Score the lists as `evaluate --dataset market1501` does: images named by Market-1501's "
          + "convention, junk (-1, same person and camera) left out.")
  Dataset protocol;

  @Option(names = "--scoring", defaultValue = "kit",
      description = "With --protocol: ${COMPLETION-CANDIDATES}, as evaluate's --protocol (default: ${DEFAULT-VALUE}).")
  Protocol scoring;

  @Option(names = "--query_chunk", defaultValue = QUERY_CHUNK, converter = Numbers.PositiveInt.class,
      description = "Queries per pass over the gallery (default: ${DEFAULT-VALUE}).")
  int queryChunk;

  /** The datasets whose rules --protocol can apply to image-level tables. */
  enum Dataset {
    MARKET1501;

    @Override
    public String toString() {
      return "market1501";
    }
  }

  @Override
  Map<String, String> localInputs() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("--query", query);
    inputs.put("--gallery", gallery);
    return inputs;
  }

  @Override
  void run(SparkSession spark, PrintWriter out) {
    GallerySearch.Options options = new GallerySearch.Options(topK, metric, protocol == null ? null : scoring,
        queryChunk);
    SearchFigures figures = GallerySearch.run(spark, Tables.features(spark, "--query", query),
        Tables.features(spark, "--gallery", gallery), output, options);
    out.printf("wrote the top %d gallery items of each query to %s%n", topK, output);
    if (figures != null) {
      out.println(figures.summary());
    }
  }
}
