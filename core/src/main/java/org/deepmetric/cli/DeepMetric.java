package org.deepmetric.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.deepmetric.DeepMetricException;
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
        GenerateDetectionsCommand.class, TrackCommand.class, EvaluateMotCommand.class, SynthCommand.class,
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

  /**
   * Every enum-typed flag accepts exactly its values' spellings ({@code toString}, such as
   * {@code cosine-softmax}) and lists them when refusing one; picocli's own conversion would also
   * take and list the Java constant names.
   */
  private static void registerFlagEnums(CommandLine cli) {
    Set<Class<?>> types = new HashSet<>();
    collectEnumTypes(cli, types);
    for (Class<?> type : types) {
      register(cli, type.asSubclass(Enum.class));
    }
  }

  private static void collectEnumTypes(CommandLine command, Set<Class<?>> types) {
    for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
      Class<?> type = option.auxiliaryTypes().length > 0 ? option.auxiliaryTypes()[0] : option.type();
      if (type.isEnum()) {
        types.add(type);
      }
    }
    command.getSubcommands().values().forEach(sub -> collectEnumTypes(sub, types));
  }

  private static <E extends Enum<E>> void register(CommandLine cli, Class<E> type) {
    cli.registerConverter(type, value -> {
      for (E constant : type.getEnumConstants()) {
        if (constant.toString().equals(value)) {
          return constant;
        }
      }
      throw new CommandLine.TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
          .map(Object::toString).collect(Collectors.joining(", ", "[", "]")) + ", got '" + value + "'");
    });
  }

  /** The configured command tree; tests run it in-process. */
  public static CommandLine commandLine() {
    DeepMetric root = new DeepMetric();
    return applyRules(new CommandLine(root), () -> root.verbose);
  }

  /**
   * The project's rules for a command tree: enum flags by their spellings, a run-time failure as
   * one line and exit 1 (the stack trace only when {@code verbose} says so), a usage error as one
   * line and exit 2. A failure that wraps a {@link DeepMetricException} (a Spark task's, say) is
   * reported by that exception's message.
   */
  public static CommandLine applyRules(CommandLine cli, BooleanSupplier verbose) {
    registerFlagEnums(cli);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (verbose.getAsBoolean()) {
        e.printStackTrace(err);
      }
      DeepMetricException userError = userError(e);
      if (userError != null) {
        err.println("deepmetric: error: " + userError.getMessage());
      } else {
        err.println("deepmetric: internal error: " + e
            + (verbose.getAsBoolean() ? "" : " (rerun with --verbose for details)"));
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

  private static DeepMetricException userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DeepMetricException found) {
        return found;
      }
    }
    return null;
  }
}
