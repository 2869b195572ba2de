package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMars;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.data.synth.SyntheticMarket1501;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric synth}: a small dataset in a real dataset's layout, for tests and offline demos. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    header = "Write a synthetic dataset in the Market-1501, MARS or MOT layout.",
    description = {
        "Write a synthetic person re-identification dataset in the exact layout of Market1501 or MARS",
        "(file names, JPEG crops, junk and distractor images, gt_query or info/ files). Each person keeps",
        "their clothing colours and pattern across cameras while background, lighting, scale, pose and",
        "noise vary. The real datasets come from their authors (see README)."})
final class SynthCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--format", required = true, description = "market1501, mars, or mot (tracking sequences).")
  String format;

  @Option(names = "--output_dir", required = true, paramLabel = "DIR", description = "A new or empty folder.")
  Path outputDir;

  @Option(names = "--identities", defaultValue = "200",
      description = "People, half for training and half for testing (default: ${DEFAULT-VALUE}).")
  int identities;

  @Option(names = "--cameras", defaultValue = "6", description = "Cameras (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(names = "--distractors", defaultValue = "20", description = "Distractor crops, id 0 (default: ${DEFAULT-VALUE}).")
  int distractors;

  @Option(names = "--junk", defaultValue = "10", description = "Junk crops, id -1 (default: ${DEFAULT-VALUE}).")
  int junk;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--sequences", defaultValue = "2", description = "mot: sequences (default: ${DEFAULT-VALUE}).")
  int sequences;

  @Option(names = "--frames", defaultValue = "20", description = "mot: frames per sequence (default: ${DEFAULT-VALUE}).")
  int frames;

  @Override
  public Integer call() {
    SynthOptions options;
    try {
      options = new SynthOptions(identities, cameras, Math.max(0, distractors), Math.max(0, junk), seed);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    switch (format) {
      case "market1501" -> SyntheticMarket1501.write(outputDir, options);
      case "mars" -> SyntheticMars.write(outputDir, options);
      case "mot" -> SyntheticMot.write(outputDir, options, Checks.positive(spec, "--sequences", sequences),
          Checks.positive(spec, "--frames", frames));
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--format must be market1501, mars or mot, got '" + format + "'");
    }
    System.out.printf("wrote a synthetic %s dataset of %d identities to %s%n", format, identities, outputDir);
    return 0;
  }
}
