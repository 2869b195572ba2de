package org.deepmetric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package order in README's layout section is the law for both modules' {@code src/main}: a package may
 * import only from its own layer or the layers listed before it (the root package, which holds
 * only the project's exception type, is below them all).
 */
class LayeringTest {
  /** This module's sources and the spark module's, which sits on top of them. */
  private static final List<Path> SOURCES = List.of(Path.of("src/main/java/org/deepmetric"),
      Path.of("../spark/src/main/java/org/deepmetric"));
  private static final Pattern LAYER = Pattern.compile("^(\\d+)\\.\\s+(.*)$");
  private static final Pattern PACKAGE = Pattern.compile("`([a-z][a-z.]*)`");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.deepmetric\\.([a-z]\\w*)\\.", Pattern.MULTILINE);

  /** Top-level package -> layer number, from the numbered list under README's "## Layout". */
  static Map<String, Integer> layers() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("\n## Layout");
    assertTrue(start >= 0, "README has a '## Layout' section");
    int end = readme.indexOf("\n## ", start + 1);
    Map<String, Integer> layers = new HashMap<>();
    for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
      Matcher layer = LAYER.matcher(line.trim());
      if (layer.matches()) {
        String packages = layer.group(2).split(":")[0];
        Matcher name = PACKAGE.matcher(packages);
        while (name.find()) {
          layers.put(name.group(1).split("\\.")[0], Integer.parseInt(layer.group(1)));
        }
      }
    }
    return layers;
  }

  @Test
  void everyImportPointsDownOrSideways() throws IOException {
    Map<String, Integer> layers = layers();
    assertFalse(layers.isEmpty(), "README's layout section lists the layers");
    List<String> violations = new ArrayList<>();
    for (Path root : SOURCES) {
      check(root, layers, violations);
    }
    assertEquals(List.of(), violations);
  }

  private static void check(Path root, Map<String, Integer> layers, List<String> violations) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() == 1) {
          continue;
        }
        String own = relative.getName(0).toString();
        Integer ownLayer = layers.get(own);
        if (ownLayer == null) {
          violations.add(relative + ": package '" + own + "' is missing from README's layout section");
          continue;
        }
        Matcher imported = IMPORT.matcher(Files.readString(file));
        while (imported.find()) {
          String target = imported.group(1);
          Integer targetLayer = layers.get(target);
          if (targetLayer == null || targetLayer > ownLayer) {
            violations.add(relative + " (layer " + ownLayer + ") imports " + target + " (layer " + targetLayer + ")");
          }
        }
      }
    }
  }
}
