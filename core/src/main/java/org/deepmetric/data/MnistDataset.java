package org.deepmetric.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.deepmetric.DeepMetricException;

/**
 * The train and test splits of an MNIST-format folder (MNIST, Fashion-MNIST, the bundled sample).
 * Accepts the usual spellings of the four file names, each plain or gzip-compressed.
 */
public record MnistDataset(DigitSet train, DigitSet test, String origin) {
  /** Digits are 28 x 28 grey levels, 784 values, in 10 classes: every layer above takes these sizes from here. */
  public static final int SIDE = 28;
  public static final int PIXELS = SIDE * SIDE;
  public static final int NUM_CLASSES = 10;
  public static final List<String> FILE_STEMS = List.of(
      "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
  private static final String SAMPLE_RESOURCE = "/mnist-sample/";

  /**
   * Loads from {@code dataPath}, or from the bundled sample when that folder holds no MNIST files.
   * A folder the user named explicitly must exist; the default one may be absent.
   */
  public static MnistDataset open(Path dataPath, boolean explicitlyGiven, Consumer<String> notice) {
    if (!Files.exists(dataPath)) {
      if (explicitlyGiven) {
        throw new DeepMetricException("--data_path " + dataPath + ": no such folder");
      }
    } else if (!Files.isDirectory(dataPath)) {
      throw new DeepMetricException("--data_path " + dataPath + ": not a folder");
    } else if (FILE_STEMS.stream().anyMatch(stem -> find(dataPath, stem).isPresent())) {
      return load(dataPath);
    }
    notice.accept("No MNIST files in " + dataPath + ": using the bundled 8,000/2,000-digit sample."
        + " For full MNIST put the four idx files there, pass --data_path, or add --download.");
    return bundledSample();
  }

  /** Loads a folder that must hold all four files. */
  public static MnistDataset load(Path folder) {
    List<String> missing = new ArrayList<>();
    Path[] files = new Path[FILE_STEMS.size()];
    for (int i = 0; i < files.length; i++) {
      String stem = FILE_STEMS.get(i);
      files[i] = find(folder, stem).orElse(null);
      if (files[i] == null) {
        missing.add(stem + "[.gz]");
      }
    }
    if (!missing.isEmpty()) {
      throw new DeepMetricException(folder + ": missing " + String.join(", ", missing));
    }
    DigitSet train = pair(IdxFile.read(files[0]), IdxFile.read(files[1]));
    DigitSet test = pair(IdxFile.read(files[2]), IdxFile.read(files[3]));
    return new MnistDataset(train, test, folder.toString());
  }

  /** The 10,000 real MNIST digits shipped inside the jar (see data/mnist-sample/README.md). */
  public static MnistDataset bundledSample() {
    IdxFile[] files = new IdxFile[FILE_STEMS.size()];
    for (int i = 0; i < files.length; i++) {
      String name = FILE_STEMS.get(i) + ".gz";
      try (InputStream in = MnistDataset.class.getResourceAsStream(SAMPLE_RESOURCE + name)) {
        if (in == null) {
          throw new IllegalStateException("bundled sample file " + name + " is missing from the jar");
        }
        files[i] = IdxFile.read(in, Path.of("<bundled>", name));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read bundled sample file " + name, e);
      }
    }
    return new MnistDataset(pair(files[0], files[1]), pair(files[2], files[3]), "bundled MNIST sample");
  }

  /** The file for {@code stem} in {@code folder}, under any of its usual spellings. */
  public static Optional<Path> find(Path folder, String stem) {
    String dotted = stem.replace("-idx", ".idx");
    for (String name : List.of(stem, stem + ".gz", dotted, dotted + ".gz")) {
      Path candidate = folder.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Checks that an image file and a label file belong together and makes a set of them. */
  static DigitSet pair(IdxFile images, IdxFile labels) {
    int[] imageDims = images.dims();
    int[] labelDims = labels.dims();
    if (imageDims.length != 3) {
      throw new DeepMetricException(String.format("%s: expected images [count, rows, cols], found dimensions %s%s",
          images.source(), Arrays.toString(imageDims), imageDims.length == 1 ? " (a labels file?)" : ""));
    }
    if (labelDims.length != 1) {
      throw new DeepMetricException(String.format("%s: expected labels [count], found dimensions %s%s",
          labels.source(), Arrays.toString(labelDims), labelDims.length == 3 ? " (an images file?)" : ""));
    }
    if (imageDims[1] != SIDE || imageDims[2] != SIDE) {
      throw new DeepMetricException(String.format("%s: images are %dx%d, LeNet needs %dx%d",
          images.source(), imageDims[1], imageDims[2], SIDE, SIDE));
    }
    if (imageDims[0] != labelDims[0]) {
      throw new DeepMetricException(String.format("%s holds %d images but %s holds %d labels",
          images.source(), imageDims[0], labels.source(), labelDims[0]));
    }
    if (imageDims[0] == 0) {
      throw new DeepMetricException(images.source() + ": holds no images");
    }
    byte[] raw = labels.data();
    int[] values = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      values[i] = raw[i] & 0xff;
      if (values[i] >= NUM_CLASSES) {
        throw new DeepMetricException(String.format("%s: label %d at index %d is outside 0..%d",
            labels.source(), values[i], i, NUM_CLASSES - 1));
      }
    }
    return new DigitSet(images.data(), values, SIDE, SIDE, NUM_CLASSES);
  }
}
