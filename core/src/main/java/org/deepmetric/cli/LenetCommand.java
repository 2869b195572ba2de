package org.deepmetric.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code deepmetric lenet}: the LeNet-5 digit classifier of the Ascend ModelZoo seed. */
@Command(name = "lenet", mixinStandardHelpOptions = true,
    description = "LeNet-5 on MNIST-format digits: train, freeze, preprocess, infer.",
    subcommands = {LenetTrainCommand.class, LenetFreezeCommand.class, LenetExportOnnxCommand.class,
        LenetPreprocessCommand.class, LenetInferCommand.class})
final class LenetCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see --help)");
  }
}
