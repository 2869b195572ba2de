package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.deepmetric.train.RunRecord;
import picocli.CommandLine;

/**
 * The settings a command takes from a training run's {@link RunRecord}: a flag left out takes the
 * run's value; a flag given with another value is a usage error naming both, never silently
 * ignored, since it would build a different network over the run's weights.
 */
final class RunFlags {
  private final CommandLine command;
  private final Optional<RunRecord> record;
  private final Path runDir;

  RunFlags(CommandLine command, Path runDir) {
    this.command = command;
    this.runDir = runDir;
    this.record = RunRecord.read(runDir);
  }

  /**
   * The value of {@code flag}: the run's where it recorded one, after checking that the flag, if
   * given, says the same; else {@code flagValue}.
   */
  <T> T resolve(String flag, T flagValue, Function<RunRecord, T> recorded) {
    T saved = record.map(recorded).orElse(null);
    if (saved == null) {
      return flagValue;
    }
    if (command.getParseResult().hasMatchedOption(flag) && !saved.equals(flagValue)) {
      throw new CommandLine.ParameterException(command, flag + " " + flagValue + " contradicts the run in " + runDir
          + ", trained with " + saved + " (" + RunRecord.FILE + "); leave the flag out or use another run");
    }
    return saved;
  }

  /** What the run recorded, where it has a record that says. */
  <T> Optional<T> recorded(Function<RunRecord, T> field) {
    return record.map(field);
  }

  /** Checks that the run was trained on the dataset kind the command opens. */
  void requireDataset(String dataset) {
    String saved = record.map(RunRecord::dataset).orElse(null);
    if (saved != null && !saved.equals(dataset)) {
      throw new CommandLine.ParameterException(command, "the run in " + runDir + " was trained by '" + saved
          + "', not '" + dataset + "' (" + RunRecord.FILE + "); use 'deepmetric " + saved + "' or another run");
    }
  }
}
