package org.deepmetric.data.synth;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.io.AtomicFiles;

/**
 * MOTChallenge-style sequences for deep_sort's feature generation: frames {@code img1/NNNNNN.jpg}
 * with synthetic people pasted at known boxes as they walk, {@code det/det.txt} (boxes with a
 * little jitter, including ones that leave the frame and one that is empty), {@code gt/gt.txt}
 * and {@code seqinfo.ini}.
 */
public final class SyntheticMot {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 360;

  private SyntheticMot() {}

  public static void write(Path target, SynthOptions options, int sequences, int frames) {
    Staging.write(target, root -> {
      for (int s = 1; s <= sequences; s++) {
        sequence(root.resolve(String.format(Locale.ROOT, "SYNTH-%02d", s)), options, s, frames);
      }
    });
  }

  /** {@code position} folded back into [0, limit], as if walking back from each edge. */
  private static double bounce(double position, double limit) {
    double period = 2 * limit;
    double p = ((position % period) + period) % period;
    return p <= limit ? p : period - p;
  }

  private static void sequence(Path dir, SynthOptions options, int index, int frames) {
    SplittableRandom random = new SplittableRandom(options.seed() * 31 + index);
    int people = Math.min(options.identities(), 6);
    double[][] walkers = new double[people][];
    for (int p = 0; p < people; p++) {
      double h = random.nextDouble(110, 200);
      walkers[p] = new double[] {random.nextDouble(0, WIDTH - h / 2), random.nextDouble(0, HEIGHT - h),
          random.nextDouble(-8, 8), random.nextDouble(-2, 2), h};
    }
    StringBuilder det = new StringBuilder();
    StringBuilder gt = new StringBuilder();
    for (int f = 1; f <= frames; f++) {
      BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = frame.createGraphics();
      g.setPaint(new GradientPaint(0, 0, new Color(150, 160, 170), 0, HEIGHT, new Color(90, 95, 80)));
      g.fillRect(0, 0, WIDTH, HEIGHT);
      for (int p = 0; p < people; p++) {
        double[] w = walkers[p];
        double h = w[4];
        double x = bounce(w[0] + w[2] * f, WIDTH - h / 2);
        double y = bounce(w[1] + w[3] * f, HEIGHT - h);
        int boxW = (int) (h / 2);
        BufferedImage person = PersonRenderer.render(Appearance.of(p + 1, options.seed()), index, boxW, (int) h, random);
        g.drawImage(person, (int) x, (int) y, null);
        gt.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%d,%.2f,1,1,1%n", f, p + 1, x, y, boxW, h));
        det.append(String.format(Locale.ROOT, "%d,-1,%.2f,%.2f,%.2f,%.2f,%.3f,-1,-1,-1%n", f,
            x + random.nextDouble(-2, 2), y + random.nextDouble(-2, 2), boxW + random.nextDouble(-2, 2),
            h + random.nextDouble(-2, 2), random.nextDouble(0.5, 1)));
      }
      if (f == 1) {
        // A detection wholly outside the frame: deep_sort gives it a noise patch.
        det.append(String.format(Locale.ROOT, "%d,-1,%d,%d,40,80,0.300,-1,-1,-1%n", f, WIDTH + 50, 10));
      }
      g.dispose();
      JpegWriter.write(frame, dir.resolve("img1").resolve(String.format(Locale.ROOT, "%06d.jpg", f)));
    }
    AtomicFiles.writeString(dir.resolve("det").resolve("det.txt"), det.toString());
    AtomicFiles.writeString(dir.resolve("gt").resolve("gt.txt"), gt.toString());
    AtomicFiles.writeString(dir.resolve("seqinfo.ini"), String.format(Locale.ROOT,
        "[Sequence]%nname=%s%nimDir=img1%nframeRate=30%nseqLength=%d%nimWidth=%d%nimHeight=%d%nimExt=.jpg%n",
        dir.getFileName(), frames, WIDTH, HEIGHT));
  }
}
