package org.deepmetric.cli;

import picocli.CommandLine;

/** Flag checks that picocli's types cannot express; failures are usage errors (exit 2). */
final class Checks {
  private Checks() {}

  static int positive(CommandLine.Model.CommandSpec spec, String flag, int value) {
    if (value <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), flag + " must be positive, got " + value);
    }
    return value;
  }

  static float positive(CommandLine.Model.CommandSpec spec, String flag, float value) {
    if (!(value > 0) || Float.isInfinite(value)) {
      throw new CommandLine.ParameterException(spec.commandLine(), flag + " must be a positive number, got " + value);
    }
    return value;
  }
}
