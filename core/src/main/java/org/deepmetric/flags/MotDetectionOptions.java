package org.deepmetric.flags;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The folders of deep_sort's generate_detections, as a picocli mixin for every command that turns MOT
 * detections into .npy files ({@code generate-detections}, {@code spark detections}): one spelling, one
 * default for where det.txt lives.
 */
public final class MotDetectionOptions {
  @Option(names = "--mot_dir", required = true, paramLabel = "DIR",
      description = "Folder of MOT sequences (<sequence>/img1/*.jpg).")
  private Path motDir;

  @Option(names = "--detection_dir", paramLabel = "DIR",
      description = "Where <sequence>/det/det.txt are, when not in --mot_dir.")
  private Path detectionDir;

  @Option(names = "--output_dir", required = true, paramLabel = "DIR", description = "Where the .npy files go.")
  private Path outputDir;

  public Path motDir() {
    return motDir;
  }

  /** The root of {@code <sequence>/det/det.txt}: {@code --detection_dir}, else {@code --mot_dir}. */
  public Path detectionRoot() {
    return detectionDir != null ? detectionDir : motDir;
  }

  public Path outputDir() {
    return outputDir;
  }
}
