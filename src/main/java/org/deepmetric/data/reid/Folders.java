package org.deepmetric.data.reid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** The .jpg files directly in {@code dir}, sorted by name; an error when there are none. */
  static List<Path> jpegs(Path dir) {
    requireDir(dir);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jpegs = files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jpg"))
          .sorted().toList();
      if (jpegs.isEmpty()) {
        throw new DeepMetricException(dir + ": holds no .jpg images");
      }
      return jpegs;
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
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
