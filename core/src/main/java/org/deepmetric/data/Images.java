package org.deepmetric.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;

/** Decoding and bilinear resizing of PNG and JPEG files with the JDK's ImageIO and Java2D. */
public final class Images {
  /** ImageNet's per-channel mean, RGB, of pixels / 255: what torchvision-trained networks subtract. */
  public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  /** ImageNet's per-channel standard deviation, RGB, of pixels / 255. */
  public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  private Images() {}

  public static BufferedImage read(Path file) {
    try {
      return decoded(ImageIO.read(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot decode image (" + e.getMessage() + ")", e);
    }
  }

  /** The image in {@code bytes}, a whole PNG or JPEG file; errors name {@code where} it came from. */
  public static BufferedImage decode(byte[] bytes, String where) {
    try {
      return decoded(ImageIO.read(new ByteArrayInputStream(bytes)), where);
    } catch (IOException e) {
      throw new DeepMetricException(where + ": cannot decode image (" + e.getMessage() + ")", e);
    }
  }

  private static BufferedImage decoded(BufferedImage image, String where) {
    if (image == null) {
      throw new DeepMetricException(where + ": not a PNG or JPEG image that Java can decode");
    }
    return image;
  }

  /** {@code image} scaled bilinearly to {@code width} x {@code height}, as 8-bit RGB. */
  public static BufferedImage resize(BufferedImage image, int width, int height) {
    if (image.getWidth() == width && image.getHeight() == height && image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return resized;
  }

  /**
   * Writes the pixels of an image of exactly {@code width} x {@code height} into {@code out} at
   * {@code offset} as interleaved RGB bytes, row-major, mirrored left-right when {@code flip}.
   */
  public static void copyRgb(BufferedImage image, boolean flip, byte[] out, int offset) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      int base = offset + y * width * 3;
      for (int x = 0; x < width; x++) {
        int rgb = row[flip ? width - 1 - x : x];
        out[base + 3 * x] = (byte) (rgb >> 16);
        out[base + 3 * x + 1] = (byte) (rgb >> 8);
        out[base + 3 * x + 2] = (byte) rgb;
      }
    }
  }
}
