package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.flags.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric spark bench}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Times `spark search` on a synthetic gallery of any size.",
    description = {
        "Writes a gallery of --gallery random unit vectors with planted near-duplicates (kept in --work_dir "
            + "for the next run), searches it with --queries queries, half of which have three copies each in "
            + "the gallery, and prints the time, whether the copies came first, and each executor JVM's peak "
            + "resident memory. Run it at two sizes, each in its own process, to see memory stay flat."})
final class SearchBenchCommand extends JobCommand {
  @Option(names = "--gallery", defaultValue = "1000000", converter = Numbers.PositiveInt.class,
      description = "Gallery vectors (default: ${DEFAULT-VALUE}).")
  int gallery;

  @Option(names = "--queries", defaultValue = "2000", converter = Numbers.PositiveInt.class,
      description = "Queries, an even number of at least 2 (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--dim", defaultValue = "128", converter = Numbers.PositiveInt.class,
      description = "Feature length (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--top_k", defaultValue = "10", converter = Numbers.PositiveInt.class,
      description = "Matches kept per query, at least 3 (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--work_dir", defaultValue = "output/spark-bench", paramLabel = "DIR",
      description = "Where the synthetic tables go (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Override
  void checkFlags() {
    if (queries < 2 || queries % 2 != 0 || topK < SearchBenchmark.COPIES
        || (long) SearchBenchmark.COPIES * (queries / 2) > gallery) {
      throw new CommandLine.ParameterException(spec.commandLine(), String.format(
          "need an even --queries >= 2, --top_k >= %d and a --gallery of at least %d x queries/2",
          SearchBenchmark.COPIES, SearchBenchmark.COPIES));
    }
  }

  @Override
  void run(SparkSession spark, PrintWriter out) {
    SearchBenchmark.Report report = SearchBenchmark.run(spark, workDir, gallery, queries, dim, topK);
    out.printf("gallery %,d x %d, %,d queries, top %d, master %s, %d cores for tasks%n", report.gallery(), dim,
        report.queries(), topK, spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
    out.printf("  gallery written in %.1f s (0 when it was already there)%n", report.generateSeconds());
    out.printf("  search: %.1f s; planted copies in the first %d places: %,d of %,d%n", report.searchSeconds(),
        SearchBenchmark.COPIES, report.copiesFound(), report.copiesPlanted());
    report.memoryPerExecutor().forEach((executor, memory) -> out.printf(
        "  executor %s: peak resident %,d MB, heap limit %,d MB%n", executor, memory[0] >> 20, memory[1] >> 20));
  }
}
