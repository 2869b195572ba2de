package org.deepmetric.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.PersonImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What --difficulty hard changes, measured on the written files. */
class DifficultyTest {
  @TempDir
  Path dir;

  @Test
  void eachHardCameraCastsItsOwnColourAndBlurs() {
    BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        grey.setRGB(x, y, (x + y) % 2 == 0 ? 0x505050 : 0x707070);
      }
    }
    double[] ratios = new double[6];
    for (int camera = 1; camera <= 6; camera++) {
      CameraLook look = CameraLook.of(camera, 5);
      assertEquals(look, CameraLook.of(camera, 5), "fixed per camera and seed");
      int rgb = look.apply(grey).getRGB(4, 4);
      double red = (rgb >> 16) & 0xff;
      double blue = rgb & 0xff;
      ratios[camera - 1] = red / blue;
      double expectedRed = look.blurRadius() == 0 ? 0x50 * look.red() * look.gain() : 0x60 * look.red() * look.gain();
      assertEquals(expectedRed, red, look.blurRadius() == 0 ? 1 : 6, "camera " + camera + " " + look);
    }
    double spread = Arrays.stream(ratios).max().orElseThrow() / Arrays.stream(ratios).min().orElseThrow();
    assertTrue(spread > 1.2, "red/blue of the same grey differs across cameras: " + Arrays.toString(ratios));
  }

  @Test
  void aHardSetKeepsTheRealLayout() {
    Market1501 market = write("hard", Difficulty.HARD);
    assertEquals(12, market.train().stream().map(PersonImage::personId).distinct().count());
    BufferedImage crop = Images.read(market.query().get(0).file());
    assertEquals(64, crop.getWidth());
    assertEquals(128, crop.getHeight());
  }

  @Test
  void hardSetsDressManyPeopleAlike() {
    SynthOptions easy = new SynthOptions(100, 4, 0, 0, 9, Difficulty.EASY);
    SynthOptions hard = new SynthOptions(100, 4, 0, 0, 9, Difficulty.HARD);
    assertTrue(alikePairs(hard) >= 3 * Math.max(1, alikePairs(easy)),
        "pairs with near-identical shirt and trousers: easy " + alikePairs(easy) + ", hard " + alikePairs(hard));
    assertEquals(Appearance.of(17, hard), Appearance.of(17, hard), "a person looks the same in every crop");
  }

  @Test
  void easyStaysTheOriginalLook() {
    SynthOptions five = new SynthOptions(12, 3, 0, 0, 5);
    assertEquals(Difficulty.EASY, five.difficulty());
    assertEquals(Appearance.of(3, five), Appearance.of(3, new SynthOptions(12, 3, 0, 0, 5, Difficulty.EASY)));
  }

  private Market1501 write(String name, Difficulty difficulty) {
    SyntheticMarket1501.write(dir.resolve(name), new SynthOptions(24, 4, 0, 0, 5, difficulty));
    return Market1501.open(dir.resolve(name), true, w -> {
      throw new AssertionError(w);
    });
  }

  private static int alikePairs(SynthOptions options) {
    int pairs = 0;
    for (int a = 1; a <= options.identities(); a++) {
      for (int b = a + 1; b <= options.identities(); b++) {
        Appearance x = Appearance.of(a, options);
        Appearance y = Appearance.of(b, options);
        if (distance(x.shirt(), y.shirt()) < 40 && distance(x.trousers(), y.trousers()) < 40) {
          pairs++;
        }
      }
    }
    return pairs;
  }

  private static double distance(Color a, Color b) {
    return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
        + Math.pow(a.getBlue() - b.getBlue(), 2));
  }
}
