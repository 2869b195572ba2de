package org.deepmetric.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepmetric.DeepMetricException;

/**
 * The common clock of a multi-camera set, from its {@code cameras.csv}
 * ({@code sequence,start_s,frame_rate,overlaps}): frame f of a camera is at start_s + (f - 1) /
 * frame_rate seconds; {@code overlaps} names the camera that watches the same place, if any.
 */
public record CameraClock(Map<String, Camera> cameras) {
  public static final String FILE = "cameras.csv";

  /** One camera's place on the clock. */
  public record Camera(String sequence, double startSeconds, double frameRate, String overlaps) {
    /** The time of frame {@code frame} (from 1), in seconds on the common clock. */
    public double seconds(int frame) {
      return startSeconds + (frame - 1) / frameRate;
    }
  }

  /** Reads {@code motDir/cameras.csv}; an error naming the file and line for anything malformed. */
  public static CameraClock read(Path motDir) {
    Path file = motDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": not found; a multi-camera set needs its cameras' start times and"
          + " frame rates (sequence,start_s,frame_rate,overlaps)");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().startsWith("sequence,start_s,frame_rate")) {
      throw new DeepMetricException(file + ": line 1 must be the header sequence,start_s,frame_rate,overlaps");
    }
    Map<String, Camera> cameras = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      try {
        double start = Double.parseDouble(f[1]);
        double rate = Double.parseDouble(f[2]);
        if (!Double.isFinite(start) || !(rate > 0) || !Double.isFinite(rate)) {
          throw new NumberFormatException();
        }
        cameras.put(f[0], new Camera(f[0], start, rate, f.length > 3 ? f[3].strip() : ""));
      } catch (RuntimeException e) {
        throw new DeepMetricException(String.format(Locale.ROOT, "%s line %d: expected sequence,start_s,frame_rate"
            + " with a finite start and a positive frame rate, got '%s'", file, i + 1, line));
      }
    }
    return new CameraClock(cameras);
  }

  /** The camera of {@code sequence}; an error where the clock does not list it. */
  public Camera of(String sequence, Path motDir) {
    Camera camera = cameras.get(sequence);
    if (camera == null) {
      throw new DeepMetricException(motDir.resolve(FILE) + ": no timing for sequence " + sequence
          + " (it lists " + String.join(", ", cameras.keySet()) + ")");
    }
    return camera;
  }
}
