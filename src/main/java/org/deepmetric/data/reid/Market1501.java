package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Market-1501 layout: {@code bounding_box_train/} (training), {@code bounding_box_test/}
 * (gallery: junk -1 and distractors 0000 included), {@code query/}, and {@code gt_query/} with
 * each query's {@code <name>_junk.mat} and {@code <name>_good.mat} ({@code junk_index},
 * {@code good_index}, 1-based into the sorted gallery).
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

  /** The kit's junk list for {@code query}: 0-based indices into {@link #gallery()}, from gt_query/. */
  public int[] junkIndices(PersonImage query) {
    return groundTruth(query, "junk");
  }

  /** The kit's good list for {@code query}: 0-based indices into {@link #gallery()}, from gt_query/. */
  public int[] goodIndices(PersonImage query) {
    return groundTruth(query, "good");
  }

  private int[] groundTruth(PersonImage query, String kind) {
    String stem = query.file().getFileName().toString().replaceAll("\\.jpg$", "");
    int[][] rows = MatFiles.readIntMatrix(root().resolve("gt_query").resolve(stem + "_" + kind + ".mat"), kind + "_index");
    int[] indices = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      indices[i] = rows[i][0] - 1;
    }
    return indices;
  }

  private List<PersonImage> read(String folder) {
    Path dir = root().resolve(folder);
    return parse(Folders.jpegs(dir), ReidNames::market1501, dir.toString());
  }
}
