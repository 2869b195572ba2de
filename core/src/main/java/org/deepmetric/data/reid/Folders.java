package org.deepmetric.data.reid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;

/** Listing dataset folders with errors that name the folder. */
final class Folders {
  private Folders() {}

  static Path requireDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DeepMetricException(dir + ": folder not found");
    }
    return dir;
  }

  /**
   * The .jpg files directly in {@code dir}, sorted by name; an error when there are none. Anything
   * else there (a stray file, a folder) stops a strict run with its name, and is otherwise skipped
   * with one warning line for the folder naming the first.
   */
  static List<Path> jpegs(Path dir, boolean strict, Consumer<String> warn) {
    requireDir(dir);
    List<Path> entries;
    try (Stream<Path> files = Files.list(dir)) {
      entries = files.sorted().toList();
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
    List<Path> jpegs = new ArrayList<>();
    List<Path> stray = new ArrayList<>();
    for (Path entry : entries) {
      boolean jpeg = Files.isRegularFile(entry) && entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg");
      (jpeg ? jpegs : stray).add(entry);
    }
    if (!stray.isEmpty()) {
      if (strict) {
        throw new DeepMetricException(stray.get(0) + ": not a .jpg image (--strict)");
      }
      warn.accept(String.format("skipped %d entr%s that %s not .jpg images in %s (first: %s)", stray.size(),
          stray.size() == 1 ? "y" : "ies", stray.size() == 1 ? "is" : "are", dir, stray.get(0).getFileName()));
    }
    if (jpegs.isEmpty()) {
      throw new DeepMetricException(dir + ": holds no .jpg images");
    }
    return jpegs;
  }

  static List<String> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": file not found");
    }
    try {
      return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
