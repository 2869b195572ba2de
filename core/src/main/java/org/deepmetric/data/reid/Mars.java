package org.deepmetric.data.reid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;

/**
 * The MARS layout with its evaluation kit: {@code bbox_train/<pid>/}, {@code bbox_test/<pid>/}
 * and {@code info/} with {@code train_name.txt}, {@code test_name.txt},
 * {@code tracks_train_info.mat}, {@code tracks_test_info.mat} (rows [start, end, pid, camera],
 * 1-based into the name lists) and {@code query_IDX.mat} (1-based rows of the test tracks that
 * are queries). Without {@code info/train_name.txt} the training folder is walked instead.
 */
public final class Mars extends ReidDataset {
  private Mars(Path root, boolean strict, Consumer<String> warn) {
    super("mars", root, strict, warn);
  }

  /** Opens {@code root} and reads the training list; the test split is read when asked. */
  public static Mars open(Path root, boolean strict, Consumer<String> warn) {
    Mars mars = new Mars(root, strict, warn);
    mars.train();
    return mars;
  }

  /** MARS's person ids run to 1500 (the original's MAX_LABEL), so 1,501 classes. */
  @Override
  protected int maxLabel() {
    return 1500;
  }

  @Override
  protected List<PersonImage> readTrain() {
    return Files.isRegularFile(info("train_name.txt")) ? listed("bbox_train", "train_name.txt") : walked();
  }

  /** The test images in the order of {@code info/test_name.txt}, which the track files index. */
  public List<PersonImage> test() {
    return listed("bbox_test", "test_name.txt");
  }

  public List<Tracklet> testTracklets() {
    return tracklets(info("tracks_test_info.mat"), "track_test_info");
  }

  /** 0-based rows of {@link #testTracklets()} that are queries. */
  public int[] queryRows() {
    int[][] matrix = MatFiles.readIntMatrix(info("query_IDX.mat"), "query_IDX");
    List<Integer> rows = new ArrayList<>();
    for (int[] row : matrix) {
      for (int value : row) {
        rows.add(value - 1);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  private Path info(String file) {
    return root().resolve("info").resolve(file);
  }

  private List<PersonImage> listed(String folder, String namesFile) {
    Path images = Folders.requireDir(root().resolve(folder));
    List<String> names = Folders.lines(info(namesFile));
    if (names.isEmpty()) {
      throw new DeepMetricException(info(namesFile) + ": lists no images");
    }
    List<Path> files = new ArrayList<>(names.size());
    for (String name : names) {
      files.add(images.resolve(name.length() >= 4 ? ReidNames.marsFolder(name) : "").resolve(name));
    }
    Path first = files.get(0);
    if (!Files.isRegularFile(first)) {
      throw new DeepMetricException(first + ": listed in " + info(namesFile) + " but not found");
    }
    return parse(files, ReidNames::mars, info(namesFile).toString());
  }

  private List<PersonImage> walked() {
    Path images = Folders.requireDir(root().resolve("bbox_train"));
    List<Path> files = new ArrayList<>();
    try (Stream<Path> people = Files.list(images)) {
      for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
        files.addAll(jpegs(person));
      }
    } catch (IOException e) {
      throw new DeepMetricException(images + ": cannot list (" + e.getMessage() + ")", e);
    }
    if (files.isEmpty()) {
      throw new DeepMetricException(images + ": holds no person folders");
    }
    return parse(files, ReidNames::mars, images.toString());
  }

  private static List<Tracklet> tracklets(Path file, String variable) {
    int[][] rows = MatFiles.readIntMatrix(file, variable);
    List<Tracklet> tracklets = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      int[] row = rows[i];
      if (row.length != 4 || row[0] < 1 || row[1] < row[0]) {
        throw new DeepMetricException(String.format("%s: row %d is not [start, end, pid, camera] with 1 <= start <= end",
            file, i + 1));
      }
      tracklets.add(new Tracklet(row[0] - 1, row[1] - 1, row[2], row[3]));
    }
    return tracklets;
  }
}
