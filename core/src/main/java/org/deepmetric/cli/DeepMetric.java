package org.deepmetric.cli;

import org.deepmetric.flags.CommandRules;
import org.deepmetric.flags.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code deepmetric} command. Exit status: 0 success, 1 a failure at run time (one line on
 * stderr), 2 a usage error (bad flag or value).
 */
@Command(name = "deepmetric", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train, evaluate, export and serve small vision networks on TensorFlow Java.",
    footer = {"", "The Apache Spark jobs (encode, detections, search over archives larger than one machine): "
        + "deepmetric spark --help."},
    subcommands = {LenetCommand.class, Market1501Command.class, MarsCommand.class, CustomCommand.class,
        EvaluateCommand.class,
        GenerateDetectionsCommand.class, TrackCommand.class, MtmcCommand.class, WhereCommand.class,
        EvaluateMotCommand.class,
        SynthCommand.class,
        BenchCommand.class})
public final class DeepMetric implements Runnable {
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
  }

  public static void main(String[] args) {
    int status;
    try {
      status = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to the handler above; this Error would end in a stack trace.
      System.err.println("deepmetric: error: out of memory (" + e.getMessage() + "); give the JVM more heap,"
          + " e.g. DEEPMETRIC_JAVA_OPTS=-Xmx8g, or lower --batch_size");
      status = 1;
    }
    System.exit(status);
  }

  /** The configured command tree; tests run it in-process. */
  public static CommandLine commandLine() {
    DeepMetric root = new DeepMetric();
    return CommandRules.apply(new CommandLine(root), () -> root.verbose);
  }
}
