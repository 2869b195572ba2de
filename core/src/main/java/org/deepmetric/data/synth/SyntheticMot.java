package org.deepmetric.data.synth;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.io.AtomicFiles;

/**
 * MOTChallenge-style sequences for tracking and its scoring: frames {@code img1/NNNNNN.jpg} with
 * synthetic people walking (and turning back at the edges) so that they cross and hide one
 * another, people nearer the camera (lower in the frame) drawn in front; {@code gt/gt.txt} with
 * every true box, {@code frame,id,x,y,w,h,1,1,visibility}; {@code det/det.txt} as a detector would
 * give it: the people at least 40% visible with a little jitter and confidence 0.85-1, nobody
 * where someone is hidden, now and then a false alarm of confidence 0.3-0.7 (below deep_sort's
 * 0.8), every box clipped to the frame; and {@code seqinfo.ini}. With a {@link CameraMotion}
 * the scene (then with a textured background, as real scenes have, for motion estimates to hold
 * on) moves in the frame and the true boxes move with it; boxes wholly outside the frame are left
 * out and a box's visibility counts only its part inside.
 *
 * <p>A crowd ({@code crowd} people, 100 to 300 as MOT20's scenes hold) fills a 1920 x 1080 frame
 * instead, as MOT20's cameras see a square or a station from above: people 50 to 170 pixels
 * tall (taller the lower they stand, as perspective makes them), walking slower, so that many
 * are partly hidden by others. The detector then sees the people at least 40% visible with a
 * score that falls with occlusion (0.5 + 0.5 x visibility, +-0.05), and half of those 25-40%
 * visible with a low score (0.3-0.6), the detections ByteTrack's second round is for.
 */
public final class SyntheticMot {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 360;
  /** A crowd's frame, MOT20's size. */
  static final int CROWD_WIDTH = 1920;
  static final int CROWD_HEIGHT = 1080;

  /** The frame size, the people in it (their heights and speeds), and whether it is a crowd. */
  record Scene(int width, int height, int people, boolean crowd) {}

  private SyntheticMot() {}

  public static void write(Path target, SynthOptions options, int sequences, int frames) {
    write(target, options, sequences, frames, CameraMotion.NONE);
  }

  public static void write(Path target, SynthOptions options, int sequences, int frames, CameraMotion motion) {
    write(target, options, sequences, frames, motion, 0);
  }

  /** {@code crowd}: people a frame in a crowd scene; 0 for the default scene of up to 6 people. */
  public static void write(Path target, SynthOptions options, int sequences, int frames, CameraMotion motion,
      int crowd) {
    Scene scene = crowd > 0 ? new Scene(CROWD_WIDTH, CROWD_HEIGHT, crowd, true)
        : new Scene(WIDTH, HEIGHT, Math.min(options.identities(), 6), false);
    Staging.write(target, root -> {
      for (int s = 1; s <= sequences; s++) {
        sequence(root.resolve(String.format(Locale.ROOT, "SYNTH-%02d", s)), options, s, frames, motion, scene);
      }
    });
  }

  /** {@code position} folded back into [0, limit], as if walking back from each edge. */
  private static double bounce(double position, double limit) {
    double period = 2 * limit;
    double p = ((position % period) + period) % period;
    return p <= limit ? p : period - p;
  }

  /** The area two boxes (x, y, w, h) share. */
  private static double overlap(double[] a, double[] b) {
    double w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
    double h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
    return Math.max(0, w) * Math.max(0, h);
  }

  private static void sequence(Path dir, SynthOptions options, int index, int frames, CameraMotion motion,
      Scene scene) {
    SplittableRandom random = new SplittableRandom(options.seed() * 31 + index);
    double[][] walkers = scene.crowd() ? crowd(scene, random) : walkers(scene.people(), random);
    // The camera's own draws and the texture come from a stream of their own: without motion the
    // sequences stay exactly what they were.
    SplittableRandom cameraRandom = new SplittableRandom(options.seed() * 97 + index);
    double[][] texture = motion == CameraMotion.NONE ? null : texture(cameraRandom, scene);
    StringBuilder det = new StringBuilder();
    StringBuilder gt = new StringBuilder();
    for (int f = 1; f <= frames; f++) {
      BufferedImage frame = frame(f, walkers, index, random, options, det, gt, motion.at(f, cameraRandom), texture,
          scene);
      falseAlarm(det, f, random, scene);
      JpegWriter.write(frame, dir.resolve("img1").resolve(String.format(Locale.ROOT, "%06d.jpg", f)));
    }
    sequenceFiles(dir, det, gt, 30, frames, scene);
  }

  /** Now and then (3 frames in 10) a false alarm of confidence 0.3-0.7 somewhere in the frame. */
  static void falseAlarm(StringBuilder det, int f, SplittableRandom random, Scene scene) {
    if (random.nextDouble() < 0.3) {
      double h = random.nextDouble(60, 120);
      detection(det, f, random.nextDouble(0, scene.width() - h / 2), random.nextDouble(0, scene.height() - h),
          h / 2, h, random.nextDouble(0.3, 0.7), scene);
    }
  }

  /** A sequence's det/det.txt, gt/gt.txt and seqinfo.ini. */
  static void sequenceFiles(Path dir, StringBuilder det, StringBuilder gt, int frameRate, int frames, Scene scene) {
    AtomicFiles.writeString(dir.resolve("det").resolve("det.txt"), det.toString());
    AtomicFiles.writeString(dir.resolve("gt").resolve("gt.txt"), gt.toString());
    AtomicFiles.writeString(dir.resolve("seqinfo.ini"), String.format(Locale.ROOT,
        "[Sequence]%nname=%s%nimDir=img1%nframeRate=%d%nseqLength=%d%nimWidth=%d%nimHeight=%d%nimExt=.jpg%n",
        dir.getFileName(), frameRate, frames, scene.width(), scene.height()));
  }

  /** A frame of the scene's size with its empty ground: grey sky to olive floor. */
  static BufferedImage ground(Scene scene) {
    BufferedImage frame = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(150, 160, 170), 0, scene.height(), new Color(90, 95, 80)));
    g.fillRect(0, 0, scene.width(), scene.height());
    g.dispose();
    return frame;
  }

  /** Each walker's start x, y, velocity x, y (pixels per frame) and height. */
  private static double[][] walkers(int people, SplittableRandom random) {
    double[][] walkers = new double[people][];
    for (int p = 0; p < people; p++) {
      double h = random.nextDouble(110, 200);
      walkers[p] = new double[] {random.nextDouble(0, WIDTH - h / 2), random.nextDouble(0, HEIGHT - h),
          random.nextDouble(-8, 8), random.nextDouble(-2, 2), h};
    }
    return walkers;
  }

  /**
   * A crowd's walkers, as {@link #walkers}: spread over the frame, 50-170 pixels tall by how low
   * they start (+-15%), up to 3 pixels a frame across and 1 up or down.
   */
  private static double[][] crowd(Scene scene, SplittableRandom random) {
    double[][] walkers = new double[scene.people()][];
    for (int p = 0; p < walkers.length; p++) {
      double y = random.nextDouble(0, scene.height() - 170);
      double h = (50 + 120 * y / (scene.height() - 170)) * random.nextDouble(0.85, 1.15);
      walkers[p] = new double[] {random.nextDouble(0, scene.width() - h / 2), Math.min(y, scene.height() - h),
          random.nextDouble(-3, 3), random.nextDouble(-1, 1), h};
    }
    return walkers;
  }

  /** 400 rectangles (x, y, w, h, rgb) over the scene and a margin around it: something to see move. */
  private static double[][] texture(SplittableRandom random, Scene scene) {
    double[][] blocks = new double[400][];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new double[] {random.nextDouble(-200, scene.width() + 200),
          random.nextDouble(-200, scene.height() + 200),
          random.nextDouble(6, 30), random.nextDouble(6, 30), random.nextInt(0x1000000)};
    }
    return blocks;
  }

  /**
   * Draws frame {@code f}, farther people first, and appends its true boxes and detections;
   * {@code camera} = {scale, dx, dy} maps the scene into the frame.
   */
  private static BufferedImage frame(int f, double[][] walkers, int index, SplittableRandom random,
      SynthOptions options, StringBuilder det, StringBuilder gt, double[] camera, double[][] texture, Scene scene) {
    int people = walkers.length;
    int width = scene.width();
    int height = scene.height();
    BufferedImage frame = ground(scene);
    Graphics2D g = frame.createGraphics();
    double scale = camera[0];
    if (texture != null) {
      for (double[] b : texture) {
        g.setColor(new Color((int) b[4]));
        g.fillRect((int) Math.round(toFrame(b[0], width, scale, camera[1])),
            (int) Math.round(toFrame(b[1], height, scale, camera[2])), (int) Math.round(b[2] * scale),
            (int) Math.round(b[3] * scale));
      }
    }
    double[][] boxes = new double[people][];
    for (int p = 0; p < people; p++) {
      double[] w = walkers[p];
      double h = w[4];
      double x = bounce(w[0] + w[2] * f, width - h / 2);
      double y = bounce(w[1] + w[3] * f, height - h);
      boxes[p] = new double[] {toFrame(x, width, scale, camera[1]), toFrame(y, height, scale, camera[2]),
          (int) (h / 2 * scale), h * scale};
    }
    int[] ids = new int[people];
    for (int p = 0; p < people; p++) {
      ids[p] = p + 1;
    }
    paint(g, boxes, ids, index, f, random, options, det, gt, scene);
    g.dispose();
    return frame;
  }

  /**
   * Draws the people whose boxes (x, y, w, h) are given, farther first (higher feet), as camera
   * {@code camera} sees them, and appends frame {@code f}'s true boxes (under {@code ids}) and
   * detections.
   */
  static void paint(Graphics2D g, double[][] boxes, int[] ids, int camera, int f, SplittableRandom random,
      SynthOptions options, StringBuilder det, StringBuilder gt, Scene scene) {
    int people = boxes.length;
    int width = scene.width();
    int height = scene.height();
    Integer[] order = new Integer[people];
    for (int p = 0; p < people; p++) {
      order[p] = p;
    }
    // Farther people (higher feet) first, so nearer ones hide them.
    Arrays.sort(order, Comparator.comparingDouble(p -> boxes[p][1] + boxes[p][3]));
    for (int k = 0; k < people; k++) {
      int p = order[k];
      double[] b = boxes[p];
      BufferedImage person = PersonRenderer.render(Appearance.of(ids[p], options), camera, (int) b[2],
          (int) b[3], random, options);
      g.drawImage(person, (int) b[0], (int) b[1], null);
      double hidden = 0;
      for (int front = k + 1; front < people; front++) {
        hidden = Math.max(hidden, overlap(b, boxes[order[front]]) / (b[2] * b[3]));
      }
      double inside = overlap(b, new double[] {0, 0, width, height}) / (b[2] * b[3]);
      if (inside <= 0) {
        continue;
      }
      double visibility = (1 - hidden) * inside;
      gt.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.0f,%.2f,1,1,%.2f%n", f, ids[p], b[0], b[1], b[2], b[3],
          visibility));
      if (!scene.crowd() && visibility >= 0.4) {
        detection(det, f, b[0] + random.nextDouble(-2, 2), b[1] + random.nextDouble(-2, 2),
            b[2] + random.nextDouble(-2, 2), b[3] + random.nextDouble(-2, 2), random.nextDouble(0.85, 1), scene);
      } else if (scene.crowd() && (visibility >= 0.4 || visibility >= 0.25 && random.nextBoolean())) {
        double score = visibility >= 0.4 ? Math.min(1, 0.5 + 0.5 * visibility + random.nextDouble(-0.05, 0.05))
            : random.nextDouble(0.3, 0.6);
        double jitter = b[3] / 60;
        detection(det, f, b[0] + random.nextDouble(-jitter, jitter), b[1] + random.nextDouble(-jitter, jitter),
            b[2] + random.nextDouble(-jitter, jitter), b[3] + random.nextDouble(-jitter, jitter), score, scene);
      }
    }
  }

  /** A scene coordinate in the frame: scaled about the centre {@code size} / 2, then shifted. */
  private static double toFrame(double v, int size, double scale, double shift) {
    if (scale == 1 && shift == 0) {
      return v;
    }
    return (v - size / 2.0) * scale + size / 2.0 + shift;
  }

  /** Appends a det.txt row, the box clipped to the frame as a detector's boxes are. */
  static void detection(StringBuilder det, int f, double x, double y, double w, double h, double confidence,
      Scene scene) {
    double left = Math.max(0, x);
    double top = Math.max(0, y);
    double right = Math.min(scene.width(), x + w);
    double bottom = Math.min(scene.height(), y + h);
    det.append(String.format(Locale.ROOT, "%d,-1,%.2f,%.2f,%.2f,%.2f,%.3f,-1,-1,-1%n", f, left, top, right - left,
        bottom - top, confidence));
  }
}
