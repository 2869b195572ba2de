package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deepmetric.flags.Numbers;
import org.deepmetric.data.synth.Difficulty;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticCustom;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.deepmetric.data.synth.SyntheticMars;
import org.deepmetric.data.synth.CameraMotion;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.data.synth.SyntheticMtmc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import java.util.Locale;

/** {@code deepmetric synth}: a small dataset in a real dataset's layout, for tests and offline demos. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    header = "Write a synthetic dataset in the Market-1501, MARS, MOT (one camera or several) or custom layout.",
    description = {
        "Write a synthetic dataset in the exact layout of Market1501 or MARS (file names, JPEG crops, junk "
            + "and distractor images, gt_query or info/ files), of MOTChallenge (frames of people who cross and "
            + "hide one another, det/det.txt, gt/gt.txt; with mtmc several cameras of one site whose gt ids are "
            + "global, on one clock), or of custom's folders (named identities, PNGs of "
            + "mixed sizes). Each person keeps their clothing colours and pattern across cameras while "
            + "background, lighting, scale, pose and noise vary. The real datasets come from their authors "
            + "(see README)."})
final class SynthCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The layouts {@code --format} names. */
  enum Format {
    MARKET1501, MARS, MOT, MTMC, CUSTOM;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(names = "--format", required = true,
      description = "${COMPLETION-CANDIDATES}: re-ID crops in Market-1501's or MARS's layout, MOTChallenge"
          + " sequences (img1/ frames of people walking, det/det.txt with their boxes) for generate-detections,"
          + " mtmc: one MOTChallenge sequence per camera (CAM-01 ...) with global gt ids and cameras.csv (each"
          + " sequence's start on one clock and frame rate), or custom's folder layout (named identities, PNGs"
          + " of mixed sizes, c<N> cameras in the names).")
  Format format;

  @Option(names = "--output_dir", required = true, paramLabel = "DIR", description = "A new or empty folder.")
  Path outputDir;

  @Option(names = "--identities", defaultValue = "200",
      description = "People, half for training and half for testing (default: ${DEFAULT-VALUE}).")
  int identities;

  @Option(names = "--cameras", defaultValue = "6", description = "Cameras (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(names = "--distractors", defaultValue = "20", converter = Numbers.NonNegativeInt.class,
      description = "Distractor crops, id 0 (default: ${DEFAULT-VALUE}).")
  int distractors;

  @Option(names = "--junk", defaultValue = "10", converter = Numbers.NonNegativeInt.class,
      description = "Junk crops, id -1 (default: ${DEFAULT-VALUE}).")
  int junk;

  @Mixin
  SharedOptions.Seed seed;

  @Option(names = "--difficulty", defaultValue = "easy", description = {
      "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). easy: clothing colours drawn freely, cameras differ in",
      "brightness only. hard: each camera has its own colour cast (0.7-1.3 per channel), gain (0.55-1.35), blur",
      "(0-2 px) and noise; people are seen from the front, back or side, 3 in 10 crops have an occluder, 2 in 5",
      "cut off the head or feet, and clothing comes from 8 everyday colours, so many people dress alike."})
  Difficulty difficulty;

  @Option(names = "--sequences", defaultValue = "2", converter = Numbers.PositiveInt.class,
      description = "mot: sequences (default: ${DEFAULT-VALUE}).")
  int sequences;

  @Option(names = "--frames", defaultValue = "20", converter = Numbers.PositiveInt.class,
      description = "mot: frames per sequence (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--camera_motion", defaultValue = "none", paramLabel = "none|pan|shake|zoom",
      description = "mot: the whole frame moves and the ground truth with it; pan sways 120 pixels over 150 frames,"
          + " shake jolts up to 8 pixels a frame, zoom breathes between 0.8x and 1.25x (default: ${DEFAULT-VALUE}).")
  CameraMotion cameraMotion;

  @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
      description = "mtmc: seconds of the common clock the cameras record (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--overlap",
      description = "mtmc: cameras 1 and 2 watch the same place from two sides, so people are in both at once.")
  boolean overlap;

  @Option(names = "--crowd", defaultValue = "0", converter = Numbers.NonNegativeInt.class, paramLabel = "PEOPLE",
      description = "mot: a crowd of this many people a frame (100 to 300 as MOT20's scenes) in 1920 x 1080 frames,"
          + " most partly hidden, detection scores falling with occlusion; 0 for the default scene of up to 6 people"
          + " (default: ${DEFAULT-VALUE}).")
  int crowd;

  @Override
  public Integer call() {
    SynthOptions options;
    try {
      options = new SynthOptions(identities, cameras, distractors, junk, seed.seed, difficulty);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (crowd > 0 && format != Format.MOT) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--crowd is for --format mot");
    }
    if (format == Format.MTMC && !(seconds >= 5 && seconds <= 3600)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be 5 to 3600, got " + seconds);
    }
    switch (format) {
      case MARKET1501 -> SyntheticMarket1501.write(outputDir, options);
      case MARS -> SyntheticMars.write(outputDir, options);
      case MOT -> SyntheticMot.write(outputDir, options, sequences, frames, cameraMotion, crowd);
      case MTMC -> SyntheticMtmc.write(outputDir, options, cameras, seconds, overlap);
      case CUSTOM -> SyntheticCustom.write(outputDir, options);
    }
    if (format == Format.MTMC) {
      spec.commandLine().getOut().printf("wrote %d synthetic cameras (MOTChallenge sequences with global ids, %s) of"
          + " %s seconds, %d people, to %s%n", cameras, SyntheticMtmc.CAMERAS_FILE, seconds, identities, outputDir);
    } else if (format == Format.MOT) {
      spec.commandLine().getOut().printf("wrote %d synthetic MOTChallenge sequences of %d frames, %d people each, to %s%n",
          sequences, frames, crowd > 0 ? crowd : Math.min(identities, 6), outputDir);
    } else {
      spec.commandLine().getOut().printf("wrote a synthetic %s dataset of %d identities to %s%n", format, identities,
          outputDir);
    }
    return 0;
  }
}
