package org.deepmetric.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.deepmetric.DeepMetricException;

/**
 * The LeNet seed's preprocessed layout for offline inference, read and written here:
 * {@code images/input_<i>.bin} holds one image as headerless little-endian float32 values in
 * [0,1] (784 for a digit, 3,136 bytes), {@code labels/input_<i>.bin} its one-hot label as
 * little-endian float64 values (10, 80 bytes).
 */
public final class BinFiles {
  public static final String IMAGES = "images";
  public static final String LABELS = "labels";

  private BinFiles() {}

  public static String fileName(int index) {
    return "input_" + index + ".bin";
  }

  /**
   * Writes images 0 to {@code count - 1}, each {@code image.apply(i)}, with one-hot labels of
   * {@code numClasses}. Both folders are filled beside the target and put in place by
   * {@link AtomicFiles#replacePair}, so a failure or kill never leaves labels beside other images.
   */
  public static void write(Path outputDir, int count, IntFunction<float[]> image, IntUnaryOperator label,
      int numClasses) {
    Path staging = null;
    try {
      Files.createDirectories(outputDir);
      removeLeftovers(outputDir);
      staging = Files.createTempDirectory(outputDir, ".preprocess-");
      Path images = Files.createDirectory(staging.resolve(IMAGES));
      Path labels = Files.createDirectory(staging.resolve(LABELS));
      ByteBuffer labelBytes = ByteBuffer.allocate(numClasses * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        float[] pixels = image.apply(i);
        ByteBuffer imageBytes = ByteBuffer.allocate(pixels.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        imageBytes.asFloatBuffer().put(pixels);
        Files.write(images.resolve(fileName(i)), imageBytes.array());
        labelBytes.clear();
        for (int c = 0; c < numClasses; c++) {
          labelBytes.putDouble(c == label.applyAsInt(i) ? 1.0 : 0.0);
        }
        Files.write(labels.resolve(fileName(i)), labelBytes.array());
      }
      AtomicFiles.replacePair(images, outputDir.resolve(IMAGES), labels, outputDir.resolve(LABELS));
    } catch (IOException e) {
      throw new DeepMetricException(outputDir + ": cannot write .bin files (" + e.getMessage() + ")", e);
    } finally {
      AtomicFiles.deleteTree(staging);
    }
  }

  /** What a killed earlier run can leave: its staging folder and the aside copies of replacePair. */
  private static void removeLeftovers(Path outputDir) throws IOException {
    try (var entries = Files.list(outputDir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".preprocess-") || name.startsWith("." + IMAGES + ".old-")
            || name.startsWith("." + LABELS + ".old-")) {
          AtomicFiles.deleteTree(entry);
        }
      }
    }
  }

  /** The {@code size} float32 values of an image file. */
  public static float[] readImage(Path file, int size) {
    float[] values = new float[size];
    ByteBuffer.wrap(readExactly(file, size * Float.BYTES, size + " float32 values"))
        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  /** The class of a one-hot label file of {@code numClasses} float64 values. */
  public static int readLabel(Path file, int numClasses) {
    ByteBuffer bytes = ByteBuffer.wrap(readExactly(file, numClasses * Double.BYTES, numClasses + " float64 values"))
        .order(ByteOrder.LITTLE_ENDIAN);
    int label = -1;
    for (int c = 0; c < numClasses; c++) {
      double value = bytes.getDouble();
      if (value == 1.0 && label == -1) {
        label = c;
      } else if (value != 0.0) {
        label = -2;
      }
    }
    if (label < 0) {
      throw new DeepMetricException(String.format(Locale.ROOT,
          "%s: not a one-hot label (expected one 1.0 among %d 0.0)", file, numClasses - 1));
    }
    return label;
  }

  private static byte[] readExactly(Path file, int size, String what) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != size) {
        throw new DeepMetricException(String.format(Locale.ROOT, "%s: %d bytes, expected %d (%s)",
            file, bytes.length, size, what));
      }
      return bytes;
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
