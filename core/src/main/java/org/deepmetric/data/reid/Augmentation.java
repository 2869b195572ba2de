package org.deepmetric.data.reid;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What training does to a crop after the original's left-right flip, drawn anew for every crop.
 * {@link #FLIP_ONLY} is the original's; {@link #CAMERAS} teaches the network that a person stays
 * the same across cameras that see colours, framing and occluders differently:
 *
 * <ul>
 *   <li>colour jitter: each channel multiplied by a gain in [1 - j, 1 + j] and the whole crop by a
 *       brightness in the same range (the casts and gains of different cameras);
 *   <li>shift: the crop moved by up to {@code maxShift} pixels each way, the edge pixels repeated
 *       into the gap (detector boxes that sit a little off);
 *   <li>random erasing (Zhong et al. 2020): with probability {@code erasing}, a rectangle of 2% to
 *       25% of the crop, aspect 0.3 to 3.3, filled with noise (occluders).
 * </ul>
 */
public record Augmentation(float colourJitter, int maxShift, float erasing) {
  public static final Augmentation FLIP_ONLY = new Augmentation(0f, 0, 0f);
  public static final Augmentation CAMERAS = new Augmentation(0.3f, 6, 0.5f);

  /** Changes the crop of {@code shape} at {@code offset} in {@code pixels} (RGB, row-major) in place. */
  public void apply(byte[] pixels, int offset, ImageShape shape, SplittableRandom random) {
    if (maxShift > 0) {
      shift(pixels, offset, shape, random.nextInt(-maxShift, maxShift + 1), random.nextInt(-maxShift, maxShift + 1));
    }
    if (colourJitter > 0) {
      float brightness = 1 + colourJitter * (2 * random.nextFloat() - 1);
      float[] gains = new float[ImageShape.CHANNELS];
      for (int c = 0; c < gains.length; c++) {
        gains[c] = brightness * (1 + colourJitter * (2 * random.nextFloat() - 1));
      }
      for (int i = offset; i < offset + shape.bytes(); i++) {
        pixels[i] = (byte) Math.min(255, Math.round((pixels[i] & 0xff) * gains[(i - offset) % ImageShape.CHANNELS]));
      }
    }
    if (erasing > 0 && random.nextFloat() < erasing) {
      erase(pixels, offset, shape, random);
    }
  }

  private static void shift(byte[] pixels, int offset, ImageShape shape, int dx, int dy) {
    if (dx == 0 && dy == 0) {
      return;
    }
    int w = shape.width();
    int h = shape.height();
    byte[] source = Arrays.copyOfRange(pixels, offset, offset + shape.bytes());
    for (int y = 0; y < h; y++) {
      int sy = Math.min(h - 1, Math.max(0, y - dy));
      for (int x = 0; x < w; x++) {
        int sx = Math.min(w - 1, Math.max(0, x - dx));
        System.arraycopy(source, (sy * w + sx) * 3, pixels, offset + (y * w + x) * 3, 3);
      }
    }
  }

  private static void erase(byte[] pixels, int offset, ImageShape shape, SplittableRandom random) {
    for (int attempt = 0; attempt < 10; attempt++) {
      double area = shape.height() * shape.width() * (0.02 + 0.23 * random.nextDouble());
      double aspect = Math.exp(Math.log(0.3) + (Math.log(3.3) - Math.log(0.3)) * random.nextDouble());
      int h = (int) Math.round(Math.sqrt(area * aspect));
      int w = (int) Math.round(Math.sqrt(area / aspect));
      if (h < 1 || w < 1 || h >= shape.height() || w >= shape.width()) {
        continue;
      }
      int top = random.nextInt(shape.height() - h + 1);
      int left = random.nextInt(shape.width() - w + 1);
      for (int y = top; y < top + h; y++) {
        for (int i = 0; i < w * 3; i++) {
          pixels[offset + (y * shape.width() + left) * 3 + i] = (byte) random.nextInt(256);
        }
      }
      return;
    }
  }
}
