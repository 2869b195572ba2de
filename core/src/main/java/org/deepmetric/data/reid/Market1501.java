package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Market-1501 layout: {@code bounding_box_train/} (training), {@code bounding_box_test/}
 * (gallery: junk -1 and distractors 0000 included) and {@code query/}. The kit's {@code gt_query/}
 * lists are not read: they follow the {@link Relevance} rule that evaluation applies.
 */
public final class Market1501 extends ReidDataset {
  private Market1501(Path root, boolean strict, Consumer<String> warn) {
    super("market1501", root, strict, warn);
  }

  /** Opens {@code root} and reads its training folder; the test folders are read when asked. */
  public static Market1501 open(Path root, boolean strict, Consumer<String> warn) {
    Market1501 market = new Market1501(root, strict, warn);
    market.train();
    return market;
  }

  /** Market-1501's person ids run to 1501 (the original's MAX_LABEL), so 1,502 classes. */
  @Override
  protected int maxLabel() {
    return 1501;
  }

  @Override
  protected List<PersonImage> readTrain() {
    return read("bounding_box_train");
  }

  public List<PersonImage> gallery() {
    return read("bounding_box_test");
  }

  public List<PersonImage> query() {
    return read("query");
  }

  private List<PersonImage> read(String folder) {
    Path dir = root().resolve(folder);
    return parse(jpegs(dir), ReidNames::market1501, dir.toString());
  }
}
