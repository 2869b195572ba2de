package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Market-1501 layout: {@code bounding_box_train/} (training), {@code bounding_box_test/}
 * (gallery: junk -1 and distractors 0000 included), {@code query/}, and {@code gt_query/} with
 * each query's {@code <name>_junk.mat} ({@code junk_index}, 1-based into the sorted gallery).
 */
public final class Market1501 implements ReidDataset {
  private final Path root;
  private final boolean strict;
  private final Consumer<String> warn;
  private final List<PersonImage> train;

  private Market1501(Path root, boolean strict, Consumer<String> warn) {
    this.root = Folders.requireDir(root);
    this.strict = strict;
    this.warn = warn;
    this.train = read("bounding_box_train");
  }

  /** Opens {@code root}, reading the training folder now and the test folders when asked. */
  public static Market1501 open(Path root, boolean strict, Consumer<String> warn) {
    return new Market1501(root, strict, warn);
  }

  @Override
  public String name() {
    return "market1501";
  }

  @Override
  public List<PersonImage> train() {
    return train;
  }

  @Override
  public int numClasses() {
    return ReidDataset.classesOf(train);
  }

  public List<PersonImage> gallery() {
    return read("bounding_box_test");
  }

  public List<PersonImage> query() {
    return read("query");
  }

  public Path root() {
    return root;
  }

  private List<PersonImage> read(String folder) {
    Path dir = root.resolve(folder);
    return NameParser.parseAll(Folders.jpegs(dir), ReidNames::market1501, strict, warn, dir.toString());
  }
}
