package org.deepmetric.data.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.AtomicFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

/** Builds a dataset in a hidden sibling folder and renames it into place only when complete. */
final class Staging {
  private Staging() {}

  interface Builder {
    void build(Path root);
  }

  static void write(Path target, Builder builder) {
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute) && !isEmptyDir(absolute)) {
      throw new DeepMetricException(target + ": already exists and is not empty; choose a new --output_dir");
    }
    Path staging = null;
    try {
      Files.createDirectories(absolute.getParent());
      staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + "-");
      builder.build(staging);
      Files.deleteIfExists(absolute);
      Files.move(staging, absolute);
      staging = null;
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    } finally {
      AtomicFiles.deleteTree(staging);
    }
  }

  private static boolean isEmptyDir(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code count} distinct cameras (1-based) of {@code cameras}, ascending. */
  static List<Integer> cameras(SplittableRandom random, int cameras, int count) {
    List<Integer> all = new ArrayList<>();
    for (int c = 1; c <= cameras; c++) {
      all.add(c);
    }
    Collections.shuffle(all, new Random(random.nextLong()));
    return all.subList(0, count).stream().sorted().toList();
  }
}
