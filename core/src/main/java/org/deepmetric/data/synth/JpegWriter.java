package org.deepmetric.data.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;

/** Writes crops as JPEG or PNG files (by the file's extension), creating folders as needed. */
final class JpegWriter {
  private JpegWriter() {}

  static void write(BufferedImage image, Path file) {
    String format = file.getFileName().toString().endsWith(".png") ? "png" : "jpg";
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("no " + format + " writer in this JDK");
      }
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }
}
