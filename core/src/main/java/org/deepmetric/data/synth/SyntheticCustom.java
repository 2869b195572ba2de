package org.deepmetric.data.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a dataset in the custom folder layout: {@code train/<identity>/}, {@code query/<identity>/}
 * and {@code gallery/<identity>/} of PNG crops of mixed sizes (the people of the other synthetic
 * sets, scaled 0.5 to 1.5 times), named {@code <identity>_c<camera>_<n>.png}. Identities are
 * names ({@code walker-017}), not numbers; half train, half test, each test person once in
 * query/ per camera and the rest in gallery/.
 */
public final class SyntheticCustom {
  private static final int WIDTH = 64;
  private static final int HEIGHT = 128;

  private SyntheticCustom() {}

  public static void write(Path target, SynthOptions options) {
    Staging.write(target, root -> build(root, options));
  }

  private static void build(Path root, SynthOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed());
    int[] n = {0};
    for (int id = 1; id <= options.identities(); id++) {
      boolean training = id <= options.trainIdentities();
      String name = String.format(Locale.ROOT, "walker-%03d", id);
      for (int camera : Staging.cameras(random, options.cameras(), random.nextInt(2, options.cameras() + 1))) {
        if (!training) {
          crop(root.resolve("query").resolve(name), name, id, camera, options, random, n);
        }
        for (int k = random.nextInt(1, 4); k > 0; k--) {
          crop(root.resolve(training ? "train" : "gallery").resolve(name), name, id, camera, options, random, n);
        }
      }
    }
  }

  private static void crop(Path folder, String name, int id, int camera, SynthOptions options, SplittableRandom random,
      int[] n) {
    BufferedImage person = PersonRenderer.render(Appearance.of(id, options), camera, WIDTH, HEIGHT, random, options);
    double scale = 0.5 + random.nextDouble();
    BufferedImage scaled = new BufferedImage((int) (WIDTH * scale), (int) (HEIGHT * scale), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(person, 0, 0, scaled.getWidth(), scaled.getHeight(), null);
    g.dispose();
    JpegWriter.write(scaled, folder.resolve(String.format(Locale.ROOT, "%s_c%d_%04d.png", name, camera, ++n[0])));
  }
}
