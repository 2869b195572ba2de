package org.deepmetric.data.reid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.AtomicFiles;

/**
 * The validation identities: a fraction of the training set's person ids (not images), drawn as
 * the original draws them, {@code RandomState(1234).choice(unique_ids, int(0.1 * n),
 * replace=False)} over the sorted unique ids (junk below 0 is never among them), so both tools
 * hold out the same people. Saved with the run so that evaluation and resumed training use the
 * same split even if the drawing rule changes.
 */
public record IdentitySplit(Set<Integer> validationIds) {
  public static final double FRACTION = 0.1;
  public static final long SEED = 1234;
  public static final String FILE_NAME = "validation_ids.txt";

  /** Draws {@code floor(fraction * identities)} validation ids, in the order NumPy draws them. */
  public static IdentitySplit draw(List<PersonImage> images, double fraction, long seed) {
    int[] ids = images.stream().mapToInt(PersonImage::personId).filter(id -> id >= 0).distinct().sorted().toArray();
    int count = (int) (fraction * ids.length);
    int[] chosen = new NumpyRandomState(seed).choiceWithoutReplacement(ids, count);
    return new IdentitySplit(Arrays.stream(chosen).boxed().collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /** The run's saved split, or a new one (saved there) when the run has none yet. */
  public static IdentitySplit forRun(Path runDir, List<PersonImage> images) {
    Path file = runDir.resolve(FILE_NAME);
    if (Files.isRegularFile(file)) {
      return load(file);
    }
    IdentitySplit split = draw(images, FRACTION, SEED);
    split.save(file);
    return split;
  }

  /**
   * The run's saved split, or, when it has none (a run trained before splits were saved), the
   * one training would draw; never writes into the run folder.
   */
  public static IdentitySplit ofRun(Path runDir, List<PersonImage> images) {
    Path file = runDir.resolve(FILE_NAME);
    return Files.isRegularFile(file) ? load(file) : draw(images, FRACTION, SEED);
  }

  public List<PersonImage> training(List<PersonImage> images) {
    return images.stream().filter(i -> !validationIds.contains(i.personId())).toList();
  }

  public List<PersonImage> validation(List<PersonImage> images) {
    return images.stream().filter(i -> validationIds.contains(i.personId())).toList();
  }

  public void save(Path file) {
    StringBuilder text = new StringBuilder("# validation person ids, drawn with seed " + SEED + "\n");
    new TreeSet<>(validationIds).forEach(id -> text.append(id).append('\n'));
    AtomicFiles.writeString(file, text.toString());
  }

  public static IdentitySplit load(Path file) {
    Set<Integer> ids = new TreeSet<>();
    for (String line : Folders.lines(file)) {
      if (!line.startsWith("#")) {
        try {
          ids.add(Integer.parseInt(line));
        } catch (NumberFormatException e) {
          throw new DeepMetricException(file + ": '" + line + "' is not a person id");
        }
      }
    }
    return new IdentitySplit(Set.copyOf(ids));
  }
}
