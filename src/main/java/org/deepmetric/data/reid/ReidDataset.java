package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A re-identification dataset in its authors' folder layout, as training sees it: the training
 * crops with their raw person ids as class labels, and the number of classes (largest id + 1, so
 * ids index the classifier). Subclasses know their layout; malformed file names are skipped with
 * one warning line per folder, or fatal in strict mode.
 */
public abstract class ReidDataset {
  private final String name;
  private final Path root;
  private final boolean strict;
  private final Consumer<String> warn;
  private List<PersonImage> train;

  protected ReidDataset(String name, Path root, boolean strict, Consumer<String> warn) {
    this.name = name;
    this.root = Folders.requireDir(root);
    this.strict = strict;
    this.warn = warn;
  }

  public String name() {
    return name;
  }

  public Path root() {
    return root;
  }

  /** The training crops, read on first use. */
  public final List<PersonImage> train() {
    if (train == null) {
      train = readTrain();
    }
    return train;
  }

  protected abstract List<PersonImage> readTrain();

  public int numClasses() {
    return train().stream().mapToInt(PersonImage::personId).max().orElse(-1) + 1;
  }

  /** Parses {@code files} by the dataset's naming rule; {@code where} names them in the warning. */
  protected List<PersonImage> parse(List<Path> files, Function<Path, Optional<PersonImage>> parser, String where) {
    return NameParser.parseAll(files, parser, strict, warn, where);
  }
}
