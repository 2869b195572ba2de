package org.deepmetric.data.reid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final ImageShape SHAPE = new ImageShape(32, 16);

  /** A crop of one flat colour, so every change the augmentation makes can be seen. */
  private static byte[] flat(int r, int g, int b) {
    byte[] pixels = new byte[SHAPE.bytes() + 7];
    for (int i = 0; i < SHAPE.bytes(); i += 3) {
      pixels[7 + i] = (byte) r;
      pixels[7 + i + 1] = (byte) g;
      pixels[7 + i + 2] = (byte) b;
    }
    return pixels;
  }

  @Test
  void flipOnlyLeavesTheCropAsItIs() {
    byte[] pixels = flat(10, 100, 200);
    Augmentation.FLIP_ONLY.apply(pixels, 7, SHAPE, new SplittableRandom(1));
    assertArrayEquals(flat(10, 100, 200), pixels);
  }

  @Test
  void jitterScalesEachChannelByOneGainWithinItsRange() {
    byte[] pixels = flat(100, 100, 100);
    new Augmentation(0.3f, 0, 0f).apply(pixels, 7, SHAPE, new SplittableRandom(3));
    for (int c = 0; c < 3; c++) {
      int value = pixels[7 + c] & 0xff;
      assertTrue(value >= 49 && value <= 169, "gain within (1 +- 0.3)^2: " + value);
      for (int i = 7 + c; i < pixels.length; i += 3) {
        assertTrue((pixels[i] & 0xff) == value, "one gain per channel");
      }
    }
    assertFalse(pixels[7] == pixels[8] && pixels[8] == pixels[9], "channels get different gains");
    assertTrue(pixels[0] == 0 && pixels[6] == 0, "bytes before the crop untouched");
  }

  @Test
  void erasingPutsNoiseInOneRectangleAndIsTheSameForTheSameSeed() {
    Augmentation erase = new Augmentation(0f, 0, 1f);
    byte[] once = flat(50, 50, 50);
    byte[] again = flat(50, 50, 50);
    erase.apply(once, 7, SHAPE, new SplittableRandom(5));
    erase.apply(again, 7, SHAPE, new SplittableRandom(5));
    assertArrayEquals(once, again);
    long changed = 0;
    for (int i = 7; i < once.length; i += 3) {
      changed += (once[i] != 50 || once[i + 1] != 50 || once[i + 2] != 50) ? 1 : 0;
    }
    long pixels = (long) SHAPE.height() * SHAPE.width();
    assertTrue(changed > 0.01 * pixels && changed <= 0.26 * pixels, changed + " of " + pixels + " pixels erased");
  }

  @Test
  void aShiftMovesTheContentAndRepeatsTheEdge() {
    byte[] pixels = new byte[SHAPE.bytes()];
    for (int y = 0; y < SHAPE.height(); y++) {
      for (int x = 0; x < SHAPE.width(); x++) {
        Arrays.fill(pixels, (y * SHAPE.width() + x) * 3, (y * SHAPE.width() + x) * 3 + 3, (byte) x);
      }
    }
    new Augmentation(0f, 4, 0f).apply(pixels, 0, SHAPE, new SplittableRandom(11));
    // Every row holds its column's number, so a vertical move changes nothing and a horizontal
    // one shows in column 8: it now holds column 8 - shift.
    int shift = 8 - pixels[3 * 8];
    assertTrue(Math.abs(shift) <= 4, "shift " + shift);
    for (int y = 0; y < SHAPE.height(); y++) {
      for (int x = 0; x < SHAPE.width(); x++) {
        int expected = Math.min(SHAPE.width() - 1, Math.max(0, x - shift));
        assertTrue(pixels[(y * SHAPE.width() + x) * 3] == expected, "row " + y + " column " + x);
      }
    }
  }
}
