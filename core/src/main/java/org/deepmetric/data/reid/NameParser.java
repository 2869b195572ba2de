package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deepmetric.DeepMetricException;

/**
 * Parses a folder's worth of file names, skipping the malformed ones and reporting them in one
 * warning line, or failing on the first one in strict mode.
 */
final class NameParser {
  private NameParser() {}

  static List<PersonImage> parseAll(List<Path> files, Function<Path, Optional<PersonImage>> parser, boolean strict,
      Consumer<String> warn, String where) {
    List<PersonImage> images = new ArrayList<>(files.size());
    List<String> skipped = new ArrayList<>();
    for (Path file : files) {
      Optional<PersonImage> image = parser.apply(file);
      if (image.isPresent()) {
        images.add(image.get());
      } else if (strict) {
        throw new DeepMetricException(file + ": file name does not follow the dataset's convention (--strict)");
      } else {
        skipped.add(file.getFileName().toString());
      }
    }
    if (!skipped.isEmpty()) {
      warn.accept(String.format("skipped %d file%s with malformed names in %s (first: %s)",
          skipped.size(), skipped.size() == 1 ? "" : "s", where, skipped.get(0)));
    }
    return images;
  }
}
