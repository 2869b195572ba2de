package org.deepmetric.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.DeepMetricException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** What every {@code deepmetric spark} job command shares: its session flags, a session, stdout. */
abstract class JobCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ParentCommand
  SparkMain parent;

  @Mixin
  SessionOptions session;

  @Override
  public final Integer call() throws IOException {
    checkFlags();
    if (session.local()) {
      localInputs().forEach(JobCommand::requireLocal);
    }
    try (SparkSession spark = session.start(spec.name(), parent.verbose)) {
      run(spark, spec.commandLine().getOut());
    }
    return 0;
  }

  /**
   * The flags naming files the job reads, by flag name: on a local master they are checked before
   * Spark starts (about 15 s), so a wrong path is one line at once rather than an executor's failure.
   */
  Map<String, String> localInputs() {
    return Map.of();
  }

  /** A missing file on this machine's file system is a user error; other file systems and globs are Spark's. */
  private static void requireLocal(String flag, String location) {
    if (location.contains("*") || location.contains("?") || location.contains("[")) {
      return;
    }
    Path path;
    if (location.startsWith("file:")) {
      path = Path.of(URI.create(location));
    } else if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return;
    } else {
      path = Path.of(location);
    }
    if (!Files.exists(path)) {
      throw new DeepMetricException(flag + " " + location + ": not found");
    }
  }

  /** Refuses flag combinations that make no sense, before a session starts; none by default. */
  void checkFlags() {}

  /** The job, on a running session; results to {@code out}. */
  abstract void run(SparkSession spark, PrintWriter out);
}
