package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.deepmetric.data.video.Frames;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.ImageShape;

/**
 * Cuts the patch of one box (x, y, w, h) out of a frame, as BGR bytes of the model's patch shape,
 * by one of two programs' rules.
 */
public final class PatchExtractor {
  /** Whose rule cuts the patch. */
  public enum Rule {
    /**
     * deep_sort's extract_image_patch: widen or narrow the box about its centre to the patch's
     * aspect (w = 0.5 h for 128x64), turn it into corners truncated to integers, clip them to
     * the frame (to the last pixel), give up on an empty box, else crop and resize bilinearly.
     */
    DEEP_SORT,
    /**
     * boxmot's get_crops: corners (x, y, x + w, y + h) rounded to whole pixels (halves to even,
     * as NumPy), clipped to [0, width] and [0, height], the crop resized by OpenCV's INTER_LINEAR.
     */
    TORCHREID
  }

  private PatchExtractor() {}

  /** The corners [sx, sy, ex, ey] of the crop for {@code box}, or empty when nothing is left. */
  public static Optional<int[]> corners(double x, double y, double w, double h, int frameWidth, int frameHeight,
      ImageShape patch) {
    double aspect = (double) patch.width() / patch.height();
    double newWidth = aspect * h;
    double left = x - (newWidth - w) / 2;
    int sx = (int) left;
    int sy = (int) y;
    int ex = (int) (left + newWidth);
    int ey = (int) (y + h);
    sx = Math.max(0, sx);
    sy = Math.max(0, sy);
    ex = Math.min(frameWidth - 1, ex);
    ey = Math.min(frameHeight - 1, ey);
    if (sx >= ex || sy >= ey) {
      return Optional.empty();
    }
    return Optional.of(new int[] {sx, sy, ex, ey});
  }

  /** boxmot's corners [x1, y1, x2, y2] for {@code box}, or empty when nothing is left. */
  public static Optional<int[]> torchreidCorners(double x, double y, double w, double h, int frameWidth,
      int frameHeight) {
    int x1 = Math.max(0, (int) Math.rint(x));
    int y1 = Math.max(0, (int) Math.rint(y));
    int x2 = Math.min(frameWidth, (int) Math.rint(x + w));
    int y2 = Math.min(frameHeight, (int) Math.rint(y + h));
    return x1 < x2 && y1 < y2 ? Optional.of(new int[] {x1, y1, x2, y2}) : Optional.empty();
  }

  /** Writes the BGR patch for {@code box} into {@code out} at {@code offset}; false when the box is unusable. */
  public static boolean extract(BufferedImage frame, double[] box, ImageShape patch, Rule rule, byte[] out,
      int offset) {
    if (rule == Rule.TORCHREID) {
      Optional<int[]> corners = torchreidCorners(box[0], box[1], box[2], box[3], frame.getWidth(), frame.getHeight());
      if (corners.isEmpty()) {
        return false;
      }
      int[] c = corners.get();
      try (Mat crop = Frames.toMat(frame, c[0], c[1], c[2] - c[0], c[3] - c[1]);
           Mat resized = Frames.resize(crop, patch.width(), patch.height())) {
        resized.data().get(out, offset, patch.bytes());
      }
      return true;
    }
    Optional<int[]> corners = corners(box[0], box[1], box[2], box[3], frame.getWidth(), frame.getHeight(), patch);
    if (corners.isEmpty()) {
      return false;
    }
    int[] c = corners.get();
    BufferedImage crop = frame.getSubimage(c[0], c[1], c[2] - c[0], c[3] - c[1]);
    Images.copyRgb(Images.resize(crop, patch.width(), patch.height()), false, out, offset);
    AppearanceModel.swapRedAndBlue(out, offset, patch.bytes());
    return true;
  }
}
