package org.deepmetric.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.deepmetric.DeepMetricException;

/**
 * A site's transit times between cameras, {@code from,to,min_s,max_s} per line after that header:
 * a person who leaves camera {@code from} enters camera {@code to} between {@code min_s} and
 * {@code max_s} seconds later. A line holds for the way back too unless the way back has a line of
 * its own.
 */
public record TransitTable(List<Window> windows) {
  /** One line: the two cameras (sequence names) and the window in seconds. */
  public record Window(String from, String to, double minSeconds, double maxSeconds) {}

  /** Reads {@code file}; an error naming the file and line for anything malformed or a camera not in {@code cameras}. */
  public static TransitTable read(Path file, Collection<String> cameras) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": not found");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals("from,to,min_s,max_s")) {
      throw new DeepMetricException(file + ": line 1 must be the header from,to,min_s,max_s");
    }
    List<Window> windows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      Window w;
      try {
        w = new Window(f[0].strip(), f[1].strip(), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
      } catch (RuntimeException e) {
        w = null;
      }
      if (w == null || f.length != 4 || !(w.minSeconds() >= 0) || !(w.maxSeconds() >= w.minSeconds())
          || w.maxSeconds() == Double.POSITIVE_INFINITY) {
        throw new DeepMetricException(String.format(Locale.ROOT, "%s line %d: expected from,to,min_s,max_s with"
            + " 0 <= min_s <= max_s, got '%s'", file, i + 1, line));
      }
      for (String camera : List.of(w.from(), w.to())) {
        if (!cameras.contains(camera)) {
          throw new DeepMetricException(String.format(Locale.ROOT, "%s line %d: no camera %s (the set has %s)", file,
              i + 1, camera, String.join(", ", cameras)));
        }
      }
      windows.add(w);
    }
    return new TransitTable(windows);
  }
}
