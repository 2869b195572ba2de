package org.deepmetric.cli;

import java.io.PrintWriter;
import org.deepmetric.DeepMetricException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code deepmetric} command. Exit status: 0 success, 1 a failure at run time (one line on
 * stderr), 2 a usage error (bad flag or value).
 */
@Command(name = "deepmetric", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train, evaluate, export and serve small vision networks on TensorFlow Java.",
    subcommands = {LenetCommand.class, Market1501Command.class, MarsCommand.class, EvaluateCommand.class,
        GenerateDetectionsCommand.class, SynthCommand.class, BenchCommand.class})
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
    System.exit(commandLine().execute(args));
  }

  /** The configured command tree; tests run it in-process. */
  public static CommandLine commandLine() {
    DeepMetric root = new DeepMetric();
    CommandLine cli = new CommandLine(root);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (root.verbose) {
        e.printStackTrace(err);
      }
      if (e instanceof DeepMetricException) {
        err.println("deepmetric: error: " + e.getMessage());
      } else {
        err.println("deepmetric: internal error: " + e + (root.verbose ? "" : " (rerun with --verbose for details)"));
      }
      err.flush();
      return 1;
    });
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      PrintWriter err = failed.getErr();
      err.println("deepmetric: " + e.getMessage());
      err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return 2;
    });
    return cli;
  }
}
