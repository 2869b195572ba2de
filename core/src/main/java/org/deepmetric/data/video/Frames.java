package org.deepmetric.data.video;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Frames as the video code holds them: {@code TYPE_3BYTE_BGR} images whose bytes are exactly
 * OpenCV's BGR layout, so they cross to OpenCV (HOG, resizing) with one copy.
 */
public final class Frames {
  private Frames() {}

  /** A new BGR image with the pixels of {@code image}, whatever its type. */
  public static BufferedImage bgrCopy(BufferedImage image) {
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null) {
      byte[] from = bytes(image);
      System.arraycopy(from, 0, bytes(copy), 0, from.length);
      return copy;
    }
    Graphics2D g = copy.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return copy;
  }

  /** {@code image} itself when it is a whole BGR image, else a BGR copy. */
  public static BufferedImage bgr(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null ? image
        : bgrCopy(image);
  }

  /** The BGR bytes of a whole {@code TYPE_3BYTE_BGR} image, row-major (the image's own array). */
  public static byte[] bytes(BufferedImage bgrImage) {
    return ((DataBufferByte) bgrImage.getRaster().getDataBuffer()).getData();
  }

  /** An OpenCV copy of a BGR image; the caller closes it. */
  public static Mat toMat(BufferedImage image) {
    BufferedImage bgr = bgr(image);
    Mat mat = new Mat(bgr.getHeight(), bgr.getWidth(), CV_8UC3);
    mat.data().put(bytes(bgr));
    return mat;
  }

  /** An OpenCV copy of the {@code w} x {@code h} region at ({@code x}, {@code y}) of a BGR image. */
  public static Mat toMat(BufferedImage image, int x, int y, int w, int h) {
    BufferedImage bgr = bgr(image);
    byte[] pixels = bytes(bgr);
    byte[] region = new byte[w * h * 3];
    for (int row = 0; row < h; row++) {
      System.arraycopy(pixels, ((y + row) * bgr.getWidth() + x) * 3, region, row * w * 3, w * 3);
    }
    Mat mat = new Mat(h, w, CV_8UC3);
    mat.data().put(region);
    return mat;
  }

  /** A BGR image with the pixels of an 8-bit, 3-channel Mat. */
  public static BufferedImage fromMat(Mat mat) {
    BufferedImage image = new BufferedImage(mat.cols(), mat.rows(), BufferedImage.TYPE_3BYTE_BGR);
    Mat continuous = mat.isContinuous() ? mat : mat.clone();
    try {
      BytePointer data = continuous.data();
      data.get(bytes(image));
    } finally {
      if (continuous != mat) {
        continuous.close();
      }
    }
    return image;
  }

  /** {@code mat} resized to {@code width} x {@code height} by OpenCV's INTER_LINEAR, as cv2.resize does by default. */
  public static Mat resize(Mat mat, int width, int height) {
    Mat out = new Mat();
    try (Size size = new Size(width, height)) {
      opencv_imgproc.resize(mat, out, size, 0, 0, opencv_imgproc.INTER_LINEAR);
    }
    return out;
  }
}
