package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The camera-motion estimate on a textured scene moved by a known shift. */
class SparseFlowMotionTest {
  static BufferedImage scene(int dx, int dy) {
    return scene(320, 240, dx, dy);
  }

  /** A grey scene of 200 coloured blocks (sized with the scene), shifted by (dx, dy). */
  static BufferedImage scene(int width, int height, int dx, int dy) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, width, height);
    Random random = new Random(3);
    int unit = width / 80;
    for (int i = 0; i < 200; i++) {
      g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
      g.fillRect(random.nextInt(width + 40) - 20 + dx, random.nextInt(height + 40) - 20 + dy,
          unit + random.nextInt(4 * unit), unit + random.nextInt(4 * unit));
    }
    g.dispose();
    return image;
  }

  @Test
  void aShiftedSceneGivesItsShift() {
    try (SparseFlowMotion motion = new SparseFlowMotion()) {
      double[][] first = motion.next(scene(0, 0));
      assertEquals(0, first[0][2], 0, "the first frame: identity");
      double[][] warp = motion.next(scene(12, -8));
      assertEquals(12, warp[0][2], 1.0, "x shift");
      assertEquals(-8, warp[1][2], 1.0, "y shift");
      assertEquals(1, warp[0][0], 0.02);
      assertEquals(0, warp[0][1], 0.02);
    }
  }
}
