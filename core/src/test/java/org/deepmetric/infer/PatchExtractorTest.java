package org.deepmetric.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.deepmetric.data.reid.ImageShape;
import org.junit.jupiter.api.Test;

/** deep_sort's patch geometry, worked by hand. */
class PatchExtractorTest {
  @Test
  void theBoxIsWidenedAboutItsCentreToHalfItsHeight() {
    // x 100, y 50, w 30, h 100: new width 50, so x moves left by 10 -> corners (90, 50) to (140, 150).
    assertArrayEquals(new int[] {90, 50, 140, 150}, PatchExtractor.corners(100, 50, 30, 100, 640, 480, ImageShape.DEFAULT).orElseThrow());
    // A wider box is narrowed: w 80, h 60 -> new width 30, x + 25.
    assertArrayEquals(new int[] {35, 20, 65, 80}, PatchExtractor.corners(10, 20, 80, 60, 640, 480, ImageShape.DEFAULT).orElseThrow());
  }

  @Test
  void cornersAreTruncatedTowardZeroLikeNumpyAstypeInt() {
    // left = 10.7 - (50.4 - 20) / 2 = -4.5 -> -4, clipped to 0; right = -4.5 + 50.4 = 45.9 -> 45.
    assertArrayEquals(new int[] {0, 3, 45, 104}, PatchExtractor.corners(10.7, 3.9, 20, 100.8, 640, 480, ImageShape.DEFAULT).orElseThrow());
  }

  @Test
  void boxesPartlyOutsideAreClippedToTheFrame() {
    assertArrayEquals(new int[] {600, 400, 639, 479}, PatchExtractor.corners(600, 400, 60, 120, 640, 480, ImageShape.DEFAULT).orElseThrow());
    assertArrayEquals(new int[] {0, 0, 15, 40}, PatchExtractor.corners(-30, -60, 40, 100, 640, 480, ImageShape.DEFAULT).orElseThrow());
  }

  @Test
  void emptyOrOutsideBoxesGiveNoPatch() {
    assertTrue(PatchExtractor.corners(700, 10, 40, 80, 640, 480, ImageShape.DEFAULT).isEmpty());
    assertTrue(PatchExtractor.corners(100, 100, 10, 0, 640, 480, ImageShape.DEFAULT).isEmpty());
    assertTrue(PatchExtractor.corners(100, 479.5, 10, 30, 640, 480, ImageShape.DEFAULT).isEmpty());
    BufferedImage frame = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    assertFalse(PatchExtractor.extract(frame, new double[] {100, 10, 40, 80}, ImageShape.DEFAULT, PatchExtractor.Rule.DEEP_SORT, new byte[ImageShape.DEFAULT.bytes()], 0));
  }

  @Test
  void patchesComeOutAsBgrAt128By64() {
    BufferedImage frame = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 200; x++) {
        frame.setRGB(x, y, 0x102030);
      }
    }
    byte[] out = new byte[ImageShape.DEFAULT.bytes()];
    assertTrue(PatchExtractor.extract(frame, new double[] {50, 20, 50, 100}, ImageShape.DEFAULT, PatchExtractor.Rule.DEEP_SORT, out, 0));
    assertEquals(0x30, out[0] & 0xff, "blue first");
    assertEquals(0x20, out[1] & 0xff);
    assertEquals(0x10, out[2] & 0xff, "red last");
    assertEquals(0x30, out[ImageShape.DEFAULT.bytes() - 3] & 0xff);
  }
}
