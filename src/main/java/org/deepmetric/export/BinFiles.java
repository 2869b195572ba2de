package org.deepmetric.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.DigitSet;
import org.deepmetric.io.AtomicFiles;

/**
 * The seed's preprocessed layout for offline inference: {@code images/input_<i>.bin} holds one
 * image as headerless little-endian float32 values in [0,1], {@code labels/input_<i>.bin} its
 * one-hot label as little-endian float64 values.
 */
public final class BinFiles {
  public static final String IMAGES = "images";
  public static final String LABELS = "labels";

  private BinFiles() {}

  public static String fileName(int index) {
    return "input_" + index + ".bin";
  }

  /**
   * Writes {@code count} images of {@code set} from the first. The folders are filled beside the
   * target and swapped in only when complete, so a failure leaves any earlier output untouched.
   */
  public static void write(DigitSet set, int count, Path outputDir) {
    Path staging = null;
    try {
      Files.createDirectories(outputDir);
      staging = Files.createTempDirectory(outputDir, ".preprocess-");
      Path images = Files.createDirectory(staging.resolve(IMAGES));
      Path labels = Files.createDirectory(staging.resolve(LABELS));
      float[] pixels = new float[set.imageSize()];
      ByteBuffer imageBytes = ByteBuffer.allocate(pixels.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer labelBytes = ByteBuffer.allocate(set.numClasses() * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        set.copyScaled(i, pixels, 0);
        imageBytes.clear().asFloatBuffer().put(pixels);
        Files.write(images.resolve(fileName(i)), imageBytes.array());
        labelBytes.clear();
        for (int c = 0; c < set.numClasses(); c++) {
          labelBytes.putDouble(c == set.labels()[i] ? 1.0 : 0.0);
        }
        Files.write(labels.resolve(fileName(i)), labelBytes.array());
      }
      replace(images, outputDir.resolve(IMAGES));
      replace(labels, outputDir.resolve(LABELS));
    } catch (IOException e) {
      throw new DeepMetricException(outputDir + ": cannot write .bin files (" + e.getMessage() + ")", e);
    } finally {
      AtomicFiles.deleteTree(staging);
    }
  }

  private static void replace(Path fresh, Path target) throws IOException {
    if (Files.exists(target)) {
      Path old = target.resolveSibling("." + target.getFileName() + ".old");
      AtomicFiles.deleteTree(old);
      Files.move(target, old);
      AtomicFiles.moveInto(fresh, target);
      AtomicFiles.deleteTree(old);
    } else {
      AtomicFiles.moveInto(fresh, target);
    }
  }

}
