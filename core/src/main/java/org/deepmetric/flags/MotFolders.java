package org.deepmetric.flags;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A folder of MOTChallenge sequences, where their detections are, and where each sequence's output
 * goes: one spelling and one default for every command that works sequence by sequence, as a mixin
 * ({@code generate-detections}, {@code spark detections}) or as the folder half of an argument
 * group ({@code track}).
 */
public final class MotFolders {
  @Option(names = "--mot_dir", required = true, paramLabel = "DIR",
      description = "Folder of MOTChallenge sequences (<sequence>/img1/*.jpg, <sequence>/det/det.txt).")
  private Path motDir;

  @Option(names = "--detection_dir", paramLabel = "DIR",
      description = "Where the detections are when not in --mot_dir: <sequence>/det/det.txt, or <sequence>.npy"
          + " files for track without --model.")
  private Path detectionDir;

  @Option(names = "--output_dir", required = true, paramLabel = "DIR",
      description = "Where each sequence's output goes (<sequence>.npy, or <sequence>.txt for track).")
  private Path outputDir;

  public Path motDir() {
    return motDir;
  }

  /** The root of the detections: {@code --detection_dir}, else {@code --mot_dir}. */
  /** --detection_dir as given, null when it was not. */
  public Path detectionDir() {
    return detectionDir;
  }

  public Path detectionRoot() {
    return detectionDir != null ? detectionDir : motDir;
  }

  public Path outputDir() {
    return outputDir;
  }
}
