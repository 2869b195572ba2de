package org.deepmetric.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The flags every job shares: where it runs and any Spark setting. */
final class SessionOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[*] (every core of this machine; the default), local-cluster[N,C,MB], "
          + "spark://HOST:7077, yarn. Under spark-submit, its --master rules.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, as spark-submit's --conf.")
  Map<String, String> conf = new LinkedHashMap<>();

  /** Whether the job runs on this machine alone (a local master), where its input paths are this machine's. */
  boolean local() {
    return master(new SparkConf()).startsWith("local");
  }

  private String master(SparkConf given) {
    return master != null ? master : given.get("spark.master", "local[*]");
  }

  /**
   * A session for {@code job}: spark-submit's settings if it started us, else {@code --master} or
   * local[*]. {@code verbose} lets Spark's own warnings through.
   */
  SparkSession start(String job, boolean verbose) {
    SparkConf given = new SparkConf();
    String effective = master(given);
    SparkSession.Builder builder = SparkSession.builder().appName("deepmetric spark " + job).master(effective);
    if (!given.contains("spark.ui.enabled") && effective.startsWith("local")) {
      // A web UI for a command-line job on one machine is a port opened for nobody.
      builder.config("spark.ui.enabled", false);
    }
    if (!given.contains("spark.ui.showConsoleProgress")) {
      // Spark's own stage bar on stderr: a job of 20 s otherwise prints nothing until it ends.
      builder.config("spark.ui.showConsoleProgress", true);
    }
    conf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    if (verbose) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
