package org.deepmetric.flags;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.deepmetric.DeepMetricException;
import picocli.CommandLine;

/**
 * The project's rules for any picocli command tree, the CLI's and the Spark jobs': exit status 0
 * on success, 1 for a failure at run time (one line on stderr), 2 for a usage error (bad flag or
 * value).
 */
public final class CommandRules {
  private CommandRules() {}

  /**
   * The project's rules for a command tree: enum flags by their spellings, a run-time failure as
   * one line and exit 1 (the stack trace only when {@code verbose} says so), a usage error as one
   * line and exit 2. A failure that wraps a {@link DeepMetricException} (a Spark task's, say) is
   * reported by that exception's message.
   */
  public static CommandLine apply(CommandLine cli, BooleanSupplier verbose) {
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


  /**
   * The one rule for enum-typed flags: each value is spelt as its {@code toString} says where the
   * enum gives one (such as {@code cosine-softmax}), else as its name in lower case (such as
   * {@code deepsort}), as the original tools spell such flags; any case is taken, and a refusal
   * lists the spellings: {@code 'sort' is not one of deepsort, strongsort, ...}. picocli's own
   * conversion would take and list the Java constant names instead.
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
        if (spelling(constant).equalsIgnoreCase(value)) {
          return constant;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + Arrays.stream(
          type.getEnumConstants()).map(CommandRules::spelling).collect(Collectors.joining(", ")));
    });
  }

  /** How a flag spells an enum value. */
  private static String spelling(Enum<?> constant) {
    String text = constant.toString();
    return text.equals(constant.name()) ? text.toLowerCase(Locale.ROOT) : text;
  }
}
