package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A re-identification dataset in its authors' folder layout, as training sees it: the training
 * crops with their raw person ids as class labels, and the number of classes (MAX_LABEL + 1, so
 * ids index the classifier). Subclasses know their layout. The policy for bad files, one for all
 * layouts: a malformed name, a stray file or (in training) an unreadable crop is skipped with a
 * warning line naming it, and stops the run in strict mode. Evaluation and export need every
 * listed image and stop at the first that cannot be read.
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

  /** Whether a bad file stops the run ({@code --strict}) or is skipped with a warning. */
  public boolean strict() {
    return strict;
  }

  /** Reports a skipped file or folder on the run's warning line. */
  public void warn(String message) {
    warn.accept(message);
  }

  /** The training crops, read on first use. */
  public final List<PersonImage> train() {
    if (train == null) {
      train = readTrain();
    }
    return train;
  }

  protected abstract List<PersonImage> readTrain();

  /**
   * Classifier outputs: the dataset's MAX_LABEL + 1 as the original sets it (raw ids are the
   * labels), or more when the training crops hold a larger id.
   */
  public int numClasses() {
    return Math.max(maxLabel(), train().stream().mapToInt(PersonImage::personId).max().orElse(-1)) + 1;
  }

  /** The largest person id the dataset defines (the original's MAX_LABEL). */
  protected abstract int maxLabel();

  /** Parses {@code files} by the dataset's naming rule; {@code where} names them in the warning. */
  /** Keeps with a run how the dataset's identities map to labels; raw person ids need nothing kept. */
  public void recordLabels(Path runDir) {}

  /** The .jpg files of {@code dir} under the policy above. */
  protected List<Path> jpegs(Path dir) {
    return Folders.jpegs(dir, strict, warn);
  }

  protected List<PersonImage> parse(List<Path> files, Function<Path, Optional<PersonImage>> parser, String where) {
    return NameParser.parseAll(files, parser, strict, warn, where);
  }
}
