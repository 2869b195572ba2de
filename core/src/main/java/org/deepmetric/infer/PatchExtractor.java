package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.util.Optional;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.ImageShape;

/**
 * deep_sort's extract_image_patch: widen or narrow the box (x, y, w, h) about its centre to the
 * patch's aspect (w = 0.5 h for 128x64), turn it into corners truncated to integers, clip them to
 * the frame, give up on an empty box, else crop and resize bilinearly to the patch shape the
 * frozen graph declares (64x128 for deep_sort's). Patches come out
 * as BGR bytes, what the frozen graph takes.
 */
public final class PatchExtractor {
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

  /** Writes the BGR patch for {@code box} into {@code out} at {@code offset}; false when the box is unusable. */
  public static boolean extract(BufferedImage frame, double[] box, ImageShape patch, byte[] out, int offset) {
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
