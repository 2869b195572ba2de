package org.deepmetric.data.synth;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * What one camera of a {@link Difficulty#HARD} set does to every crop it sees: a colour cast (a gain
 * per channel, 0.7 to 1.3), an overall gain (0.55 to 1.35), a box blur of radius 0 to 2 pixels, and
 * sensor noise of amplitude 4 to 28 grey levels. Fixed per camera and dataset seed, so the same
 * person looks consistently different under each camera, as with real white balance and optics.
 */
record CameraLook(double red, double green, double blue, double gain, int blurRadius, int noise) {
  static CameraLook of(int camera, long datasetSeed) {
    SplittableRandom random = new SplittableRandom(datasetSeed * 1_000_003L + camera * 7_919L);
    return new CameraLook(random.nextDouble(0.7, 1.3), random.nextDouble(0.7, 1.3), random.nextDouble(0.7, 1.3),
        random.nextDouble(0.55, 1.35), random.nextInt(3), random.nextInt(4, 29));
  }

  /** The crop as this camera records it: cast and gain, then blur. Noise is added by the renderer. */
  BufferedImage apply(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
    double[] gains = {red * gain, green * gain, blue * gain};
    int[][] channels = new int[3][w * h];
    for (int i = 0; i < pixels.length; i++) {
      for (int c = 0; c < 3; c++) {
        channels[c][i] = (int) Math.min(255, ((pixels[i] >> (16 - 8 * c)) & 0xff) * gains[c]);
      }
    }
    for (int c = 0; c < 3; c++) {
      channels[c] = boxBlur(channels[c], w, h, blurRadius);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = channels[0][i] << 16 | channels[1][i] << 8 | channels[2][i];
    }
    out.setRGB(0, 0, w, h, pixels, 0, w);
    return out;
  }

  private static int[] boxBlur(int[] values, int w, int h, int radius) {
    if (radius == 0) {
      return values;
    }
    int[] out = new int[values.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sum = 0;
        int count = 0;
        for (int dy = -radius; dy <= radius; dy++) {
          for (int dx = -radius; dx <= radius; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
              sum += values[yy * w + xx];
              count++;
            }
          }
        }
        out[y * w + x] = sum / count;
      }
    }
    return out;
  }
}
