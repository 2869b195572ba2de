package org.deepmetric.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.MotText;
import java.util.Arrays;

/**
 * A MOTChallenge sequence: frames {@code img1/NNNNNN.jpg} and detections {@code det/det.txt},
 * one per line as {@code frame,id,x,y,w,h,confidence,x,y,z}.
 */
public record MotSequence(String name, Map<Integer, Path> frames, List<double[]> detections) {
  private static final Pattern FRAME = Pattern.compile("(\\d+)\\.(jpe?g|png)", Pattern.CASE_INSENSITIVE);

  /** Reads a sequence; detections come from {@code detectionRoot/<name>/det/det.txt}. */
  public static MotSequence read(Path sequenceDir, Path detectionRoot) {
    Path images = sequenceDir.resolve("img1");
    if (!Files.isDirectory(images)) {
      throw new DeepMetricException(images + ": folder not found");
    }
    String name = sequenceDir.getFileName().toString();
    return new MotSequence(name, frames(sequenceDir),
        MotText.read(detectionRoot.resolve(name).resolve("det").resolve("det.txt")));
  }

  /**
   * The sequence folders of {@code motDir} (MOT16/train, say) that hold any of {@code markers}
   * ({@code img1}, {@code gt/gt.txt}, ...), in name order; an error naming the folder when none does.
   */
  public static List<Path> folders(Path motDir, String... markers) {
    try (Stream<Path> entries = Files.list(motDir)) {
      List<Path> sequences = entries.filter(p -> Arrays.stream(markers).anyMatch(m -> Files.exists(p.resolve(m))))
          .sorted().toList();
      if (sequences.isEmpty()) {
        throw new DeepMetricException("--mot_dir " + motDir + ": no sequence folders with " + String.join(" or ", markers));
      }
      return sequences;
    } catch (IOException e) {
      throw new DeepMetricException("--mot_dir " + motDir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  /** The frames of {@code sequenceDir/img1/} by number (NNNNNN.jpg or .png), in order; none without img1/. */
  public static TreeMap<Integer, Path> frames(Path sequenceDir) {
    Path images = sequenceDir.resolve("img1");
    TreeMap<Integer, Path> frames = new TreeMap<>();
    if (!Files.isDirectory(images)) {
      return frames;
    }
    try (Stream<Path> files = Files.list(images)) {
      files.forEach(f -> {
        Matcher m = FRAME.matcher(f.getFileName().toString());
        if (m.matches()) {
          frames.put(Integer.parseInt(m.group(1)), f);
        }
      });
    } catch (IOException e) {
      throw new DeepMetricException(images + ": cannot list (" + e.getMessage() + ")", e);
    }
    return frames;
  }
}
