package org.deepmetric.spark;

import org.deepmetric.flags.CommandRules;
import org.deepmetric.flags.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * {@code deepmetric spark}: the jobs that run over archives larger than one machine. The
 * launcher starts it with Spark on the classpath for {@code local[*]}; on a cluster,
 * {@code spark-submit --class org.deepmetric.spark.SparkMain} starts it. Exit status as the
 * main command's: 0 success, 1 a failure at run time, 2 a usage error.
 */
@Command(name = "deepmetric spark", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Feature extraction and retrieval as Apache Spark jobs: local[*] by default, any cluster "
        + "through spark-submit.",
    subcommands = {EncodeCommand.class, DetectionsCommand.class, SearchCommand.class, TracksCommand.class,
        WhereCommand.class, SearchBenchCommand.class})
public final class SparkMain implements Runnable {
  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a job is required (see --help)");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command tree; tests run it in-process. */
  public static CommandLine commandLine() {
    SparkMain root = new SparkMain();
    return CommandRules.apply(new CommandLine(root), () -> root.verbose);
  }
}
