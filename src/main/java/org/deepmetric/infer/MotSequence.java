package org.deepmetric.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;

/**
 * A MOTChallenge sequence: frames {@code img1/NNNNNN.jpg} and detections {@code det/det.txt},
 * one per line as {@code frame,id,x,y,w,h,confidence,x,y,z}.
 */
public record MotSequence(String name, Map<Integer, Path> frames, List<double[]> detections) {
  private static final Pattern FRAME = Pattern.compile("(\\d+)\\.(jpe?g|png)", Pattern.CASE_INSENSITIVE);

  /** Reads a sequence; detections come from {@code detectionRoot/<name>/det/det.txt}. */
  public static MotSequence read(Path sequenceDir, Path detectionRoot) {
    String name = sequenceDir.getFileName().toString();
    Path images = sequenceDir.resolve("img1");
    if (!Files.isDirectory(images)) {
      throw new DeepMetricException(images + ": folder not found");
    }
    Map<Integer, Path> frames = new TreeMap<>();
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
    Path detFile = detectionRoot.resolve(name).resolve("det").resolve("det.txt");
    if (!Files.isRegularFile(detFile)) {
      throw new DeepMetricException(detFile + ": file not found");
    }
    List<double[]> detections = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(detFile);
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n).trim();
        if (line.isEmpty()) {
          continue;
        }
        String[] fields = line.split("\\s*,\\s*");
        if (fields.length < 6) {
          throw new DeepMetricException(detFile + ":" + (n + 1) + ": expected frame,id,x,y,w,h,... got '" + line + "'");
        }
        double[] row = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
          row[i] = Double.parseDouble(fields[i]);
        }
        detections.add(row);
      }
    } catch (NumberFormatException e) {
      throw new DeepMetricException(detFile + ": not a number (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new DeepMetricException(detFile + ": cannot read (" + e.getMessage() + ")", e);
    }
    return new MotSequence(name, frames, detections);
  }
}
