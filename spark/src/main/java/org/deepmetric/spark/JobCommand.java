package org.deepmetric.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
    try (SparkSession spark = session.start(spec.name(), parent.verbose)) {
      run(spark, spec.commandLine().getOut());
    }
    return 0;
  }

  /** Refuses flag combinations that make no sense, before a session starts; none by default. */
  void checkFlags() {}

  /** The job, on a running session; results to {@code out}. */
  abstract void run(SparkSession spark, PrintWriter out);
}
