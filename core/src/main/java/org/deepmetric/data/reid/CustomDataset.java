package org.deepmetric.data.reid;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepmetric.DeepMetricException;
import java.io.UncheckedIOException;
import org.deepmetric.io.AtomicFiles;

/**
 * A dataset of one's own, people or anything else that has identities (vehicles, animals), in
 * one of two layouts, told apart by the path given:
 * <ul>
 *   <li>a folder: {@code DIR/train/<identity>/<image>}, {@code DIR/query/<identity>/...} and
 *       {@code DIR/gallery/<identity>/...}; the camera is the number in a {@code c<N>} part of the
 *       file name ({@code car7_c2_0031.png}), or else a sub-folder level
 *       ({@code <identity>/<camera>/<image>}, numbered in name order from 1, or by its own
 *       {@code c<N>}), or else unknown;
 *   <li>a {@code .csv} file with the header {@code path,identity,camera,split}: paths relative to
 *       the file's folder (or absolute), any identity name, a camera number (empty when unknown),
 *       split {@code train}, {@code query} or {@code gallery}.
 * </ul>
 * Images are JPEG or PNG of any size (resized on load). Identity names are mapped to labels:
 * the training identities in name order get 0 to T-1 (the classifier's classes), the others
 * follow; {@link #recordLabels} keeps the mapping with a run. Unknown cameras are
 * {@link Relevance#UNKNOWN_CAMERA}: evaluation then counts every other image of the identity as
 * a true match.
 */
public final class CustomDataset extends ReidDataset {
  public static final String LABELS_FILE = "identities.csv";
  private static final Pattern CAMERA = Pattern.compile("(?:^|[^A-Za-z0-9])[cC](\\d+)(?=[^0-9]|$)");
  private static final Pattern IMAGE = Pattern.compile(".*\\.(jpe?g|png)$", Pattern.CASE_INSENSITIVE);
  private static final List<String> SPLITS = List.of("train", "query", "gallery");

  /** One listed image before labelling. */
  private record Entry(Path file, String identity, int camera) {}

  private final Map<String, List<Entry>> splits;
  private final Map<String, Integer> labels = new LinkedHashMap<>();

  private CustomDataset(Path root, boolean strict, Consumer<String> warn, Map<String, List<Entry>> splits) {
    super("custom", root, strict, warn);
    this.splits = splits;
    TreeSet<String> trainNames = new TreeSet<>();
    splits.get("train").forEach(e -> trainNames.add(e.identity()));
    TreeSet<String> others = new TreeSet<>();
    splits.values().forEach(list -> list.forEach(e -> others.add(e.identity())));
    others.removeAll(trainNames);
    trainNames.forEach(name -> labels.put(name, labels.size()));
    others.forEach(name -> labels.put(name, labels.size()));
  }

  /** Opens a folder in the layout above, or a CSV list; {@code warn} hears what is skipped. */
  public static CustomDataset open(Path path, boolean strict, Consumer<String> warn) {
    if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return new CustomDataset(path.toAbsolutePath().getParent(), strict, warn, readCsv(path));
    }
    if (!Files.isDirectory(path)) {
      throw new DeepMetricException(path + ": neither a dataset folder (train/, query/, gallery/) nor a .csv list");
    }
    Map<String, List<Entry>> splits = new LinkedHashMap<>();
    for (String split : SPLITS) {
      Path dir = path.resolve(split);
      splits.put(split, Files.isDirectory(dir) ? readFolder(dir, strict, warn) : List.of());
    }
    if (splits.get("train").isEmpty() && splits.get("query").isEmpty()) {
      throw new DeepMetricException(path + ": no images in train/<identity>/ or query/<identity>/");
    }
    return new CustomDataset(path, strict, warn, splits);
  }

  @Override
  protected List<PersonImage> readTrain() {
    return images("train");
  }

  public List<PersonImage> query() {
    return images("query");
  }

  public List<PersonImage> gallery() {
    return images("gallery");
  }

  /** The training identities are the classes: labels 0 to T-1. */
  @Override
  protected int maxLabel() {
    return (int) splits.get("train").stream().map(Entry::identity).distinct().count() - 1;
  }

  /** The identity name of each label, in label order. */
  public List<String> identityNames() {
    return List.copyOf(labels.keySet());
  }

  /** Whether any image names its camera. */
  public boolean camerasKnown() {
    return splits.values().stream().flatMap(List::stream).anyMatch(e -> e.camera() != Relevance.UNKNOWN_CAMERA);
  }

  /**
   * Writes the label of each identity to {@code runDir/identities.csv}, or, when the run already
   * has one, checks that the dataset still maps its identities the same way.
   */
  @Override
  public void recordLabels(Path runDir) {
    Path file = runDir.resolve(LABELS_FILE);
    StringBuilder text = new StringBuilder("label,identity\n");
    labels.forEach((name, label) -> text.append(CSVFormat.DEFAULT.format(label, name)).append('\n'));
    if (Files.isRegularFile(file)) {
      try {
        if (!Files.readString(file).equals(text.toString())) {
          throw new DeepMetricException(file + ": this run was trained on other identities than " + root()
              + " now holds; use a new --run_id");
        }
      } catch (IOException e) {
        throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
      }
      return;
    }
    AtomicFiles.writeString(file, text.toString());
  }

  private List<PersonImage> images(String split) {
    List<PersonImage> images = new ArrayList<>();
    for (Entry e : splits.get(split)) {
      images.add(new PersonImage(e.file(), labels.get(e.identity()), e.camera(), 0, images.size()));
    }
    return images;
  }

  private static List<Entry> readFolder(Path split, boolean strict, Consumer<String> warn) {
    List<Entry> entries = new ArrayList<>();
    List<Path> stray = new ArrayList<>();
    for (Path identity : list(split)) {
      if (!Files.isDirectory(identity)) {
        stray.add(identity);
        continue;
      }
      List<Path> children = list(identity);
      List<Path> cameraFolders = children.stream().filter(Files::isDirectory).toList();
      for (Path child : children) {
        if (Files.isDirectory(child)) {
          int folderCamera = cameraOf(child.getFileName().toString()).orElse(cameraFolders.indexOf(child) + 1);
          for (Path image : list(child)) {
            addImage(image, identity, folderCamera, entries, stray);
          }
        } else {
          addImage(child, identity, Relevance.UNKNOWN_CAMERA, entries, stray);
        }
      }
    }
    if (!stray.isEmpty()) {
      if (strict) {
        throw new DeepMetricException(stray.get(0) + ": not a JPEG or PNG image in an identity folder (--strict)");
      }
      warn.accept(String.format("skipped %d entr%s that %s not JPEG or PNG images in identity folders of %s"
          + " (first: %s)", stray.size(), stray.size() == 1 ? "y" : "ies", stray.size() == 1 ? "is" : "are", split,
          split.relativize(stray.get(0))));
    }
    return entries;
  }

  private static void addImage(Path image, Path identity, int folderCamera, List<Entry> entries, List<Path> stray) {
    String name = image.getFileName().toString();
    if (!Files.isRegularFile(image) || !IMAGE.matcher(name).matches()) {
      stray.add(image);
      return;
    }
    entries.add(new Entry(image, identity.getFileName().toString(), cameraOf(name).orElse(folderCamera)));
  }

  /** The number of a {@code c<N>} part of a name, if it has one. */
  static Optional<Integer> cameraOf(String name) {
    Matcher m = CAMERA.matcher(name);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, List<Entry>> readCsv(Path csv) {
    Map<String, List<Entry>> splits = new TreeMap<>();
    SPLITS.forEach(s -> splits.put(s, new ArrayList<>()));
    Path base = csv.toAbsolutePath().getParent();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
         CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = parser.getHeaderNames();
      for (String column : List.of("path", "identity", "camera", "split")) {
        if (!header.contains(column)) {
          throw new DeepMetricException(csv + ": the header must name path,identity,camera,split; it names " + header);
        }
      }
      for (CSVRecord row : parser) {
        String where = csv + ":" + (row.getRecordNumber() + 1);
        if (!row.isConsistent()) {
          throw new DeepMetricException(where + ": expected " + header.size() + " fields, got " + row.size());
        }
        String split = row.get("split").toLowerCase(Locale.ROOT);
        if (!SPLITS.contains(split)) {
          throw new DeepMetricException(where + ": split must be train, query or gallery, got '" + row.get("split") + "'");
        }
        String identity = row.get("identity");
        if (identity.isEmpty()) {
          throw new DeepMetricException(where + ": the identity is empty");
        }
        Path file = base.resolve(row.get("path"));
        if (!Files.isRegularFile(file)) {
          throw new DeepMetricException(where + ": " + file + " not found");
        }
        splits.get(split).add(new Entry(file, identity, camera(row.get("camera"), where)));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DeepMetricException(csv + ": cannot read (" + e.getMessage() + ")", e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new DeepMetricException(csv + ": not a CSV list path,identity,camera,split (" + e.getMessage() + ")", e);
    }
    if (splits.values().stream().allMatch(List::isEmpty)) {
      throw new DeepMetricException(csv + ": lists no images");
    }
    Map<String, List<Entry>> ordered = new LinkedHashMap<>();
    SPLITS.forEach(s -> ordered.put(s, splits.get(s)));
    return ordered;
  }

  private static int camera(String text, String where) {
    if (text.isEmpty()) {
      return Relevance.UNKNOWN_CAMERA;
    }
    try {
      int camera = Integer.parseInt(text);
      if (camera >= 1) {
        return camera;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DeepMetricException(where + ": camera must be a number from 1 (or empty when unknown), got '" + text + "'");
  }

}
