package org.deepmetric.data.synth;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Draws a person crop: the person's fixed {@link Appearance} over what changes with camera and
 * frame (background, lighting, scale, position, pose, mirror image and sensor noise). A hard set
 * adds a view (front, back with no shirt pattern and the head seen from behind, or side: narrower,
 * one arm), partial bodies (head or feet out of the crop, 1 in 5 each), an occluding object (a
 * bench-like block over the legs or a pole, 3 in 10) and the camera's {@link CameraLook}.
 */
final class PersonRenderer {
  private static final int FRONT = 0;
  private static final int BACK = 1;
  private static final int SIDE = 2;

  private PersonRenderer() {}

  /** A {@code width} x {@code height} crop (1:2, like the datasets'); {@code random} decides the variation. */
  static BufferedImage render(Appearance look, int camera, int width, int height, SplittableRandom random,
      SynthOptions options) {
    boolean hard = options.difficulty() == Difficulty.HARD;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    double s = width / 64.0;
    double light = cameraLight(camera) * random.nextDouble(0.85, 1.15);
    drawBackground(g, camera, width, height, s, light, random);
    drawPerson(g, look, Pose.draw(look, width, s, hard, random), light);
    if (hard && random.nextInt(10) < 3) {
      occlude(g, width, height, s, random);
    }
    g.dispose();
    if (random.nextBoolean()) {
      image = mirrored(image);
    }
    int extraNoise = 0;
    if (hard) {
      CameraLook optics = CameraLook.of(camera, options.seed());
      image = optics.apply(image);
      extraNoise = optics.noise() - 4;
    }
    addNoise(image, random, extraNoise);
    return image;
  }

  /** The camera's ground, lit from above, with three blocks of clutter. */
  private static void drawBackground(Graphics2D g, int camera, int width, int height, double s, double light,
      SplittableRandom random) {
    Color ground = lit(Color.getHSBColor(camera / 6f, 0.25f, 0.55f), light);
    g.setPaint(new GradientPaint(0, 0, lit(ground, 1.2), 0, height, lit(ground, 0.7)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 3; i++) {
      g.setColor(lit(Color.getHSBColor((float) random.nextDouble(), 0.3f, 0.5f), light));
      g.fillRect(random.nextInt(width), random.nextInt(height), (int) (random.nextInt(8, 30) * s),
          (int) (random.nextInt(8, 40) * s));
    }
  }

  /**
   * Where and how the person stands in the crop: {@code scale} in pixels per unit of a 64-wide
   * crop, centre x and top of the head in pixels, the view, the body's width and the legs' spread.
   */
  private record Pose(double scale, double cx, double top, int view, double bodyWidth, int legSpread) {
    static Pose draw(Appearance look, int width, double s, boolean hard, SplittableRandom random) {
      double scale = random.nextDouble(0.82, 1.0) * s;
      double cx = width / 2.0 + random.nextDouble(-5, 5) * s;
      double top = random.nextDouble(2, 10) * s;
      int view = FRONT;
      if (hard) {
        view = random.nextInt(3);
        if (random.nextInt(5) == 0) {
          top -= random.nextDouble(12, 30) * s;
        } else if (random.nextInt(4) == 0) {
          scale *= random.nextDouble(1.15, 1.4);
        }
      }
      double bodyWidth = 22 * look.build() * scale * (view == SIDE ? 0.65 : 1);
      int legSpread = (int) (random.nextDouble(0, 6) * scale);
      return new Pose(scale, cx, top, view, bodyWidth, view == SIDE ? 0 : legSpread);
    }
  }

  /** Legs, torso (with its pattern unless seen from the back), arms, head and hair, and the bag. */
  private static void drawPerson(Graphics2D g, Appearance look, Pose pose, double light) {
    double scale = pose.scale();
    double cx = pose.cx();
    double top = pose.top();
    double bodyWidth = pose.bodyWidth();
    g.setColor(lit(look.trousers(), light));
    g.fillRect((int) (cx - bodyWidth / 2 + 1), (int) (top + 62 * scale), (int) (bodyWidth / 2 - 1), (int) (50 * scale));
    g.fillRect((int) (cx + 1 + pose.legSpread()), (int) (top + 62 * scale), (int) (bodyWidth / 2 - 1),
        (int) (50 * scale));

    int torsoX = (int) (cx - bodyWidth / 2);
    int torsoY = (int) (top + 20 * scale);
    int torsoW = (int) bodyWidth;
    int torsoH = (int) (44 * scale);
    g.setColor(lit(look.shirt(), light));
    g.fillRoundRect(torsoX, torsoY, torsoW, torsoH, (int) (6 * scale), (int) (6 * scale));
    if (pose.view() != BACK) {
      drawPattern(g, look, light, torsoX, torsoY, torsoW, torsoH, scale);
    }
    g.setColor(lit(look.shirt(), light * 0.9));
    g.fillRect((int) (torsoX - 5 * scale), torsoY + 2, (int) (5 * scale), (int) (36 * scale));
    if (pose.view() != SIDE) {
      g.fillRect(torsoX + torsoW, torsoY + 2, (int) (5 * scale), (int) (36 * scale));
    }

    g.setColor(lit(pose.view() == BACK ? look.hair() : look.skin(), light));
    g.fillOval((int) (cx - 8 * scale), (int) top, (int) (16 * scale), (int) (19 * scale));
    g.setColor(lit(look.hair(), light));
    g.fillArc((int) (cx - 8 * scale), (int) top, (int) (16 * scale), (int) (12 * scale), 0, 180);
    if (look.bag()) {
      g.setColor(lit(look.bagColour(), light));
      g.fillRect(torsoX + torsoW - (int) (4 * scale), (int) (torsoY + 24 * scale), (int) (10 * scale),
          (int) (14 * scale));
    }
  }

  /** Something between camera and person: a block over the legs (a bench, a car) or a pole. */
  private static void occlude(Graphics2D g, int width, int height, double s, SplittableRandom random) {
    g.setColor(Color.getHSBColor((float) random.nextDouble(), 0.2f, (float) random.nextDouble(0.2, 0.7)));
    if (random.nextBoolean()) {
      int y = (int) (height * random.nextDouble(0.55, 0.8));
      int x = random.nextBoolean() ? 0 : random.nextInt(width / 2);
      g.fillRect(x, y, width - x, height - y);
    } else {
      int poleWidth = (int) (random.nextInt(6, 15) * s);
      g.fillRect(random.nextInt(width - poleWidth), 0, poleWidth, height);
    }
  }

  private static void drawPattern(Graphics2D g, Appearance look, double light, int x, int y, int w, int h, double scale) {
    g.setColor(lit(look.pattern(), light));
    int step = Math.max(2, (int) (6 * scale));
    switch (look.patternKind()) {
      case 1 -> {
        for (int row = y; row < y + h; row += 2 * step) {
          g.fillRect(x, row, w, step);
        }
      }
      case 2 -> {
        for (int col = x; col < x + w; col += 2 * step) {
          g.fillRect(col, y, step, h);
        }
      }
      case 3 -> {
        for (int row = 0; row * step < h; row++) {
          for (int col = row % 2; col * step < w; col += 2) {
            g.fillRect(x + col * step, y + row * step, step, step);
          }
        }
      }
      default -> { }
    }
  }

  private static double cameraLight(int camera) {
    return 0.75 + 0.1 * (camera % 5);
  }

  private static Color lit(Color colour, double light) {
    return new Color(clamp(colour.getRed() * light), clamp(colour.getGreen() * light), clamp(colour.getBlue() * light));
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  private static BufferedImage mirrored(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
      }
    }
    return out;
  }

  private static void addNoise(BufferedImage image, SplittableRandom random, int extra) {
    int amplitude = random.nextInt(4, 16) + extra;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int noise = random.nextInt(-amplitude, amplitude + 1);
        image.setRGB(x, y, clamp(((rgb >> 16) & 0xff) + noise) << 16 | clamp(((rgb >> 8) & 0xff) + noise) << 8
            | clamp((rgb & 0xff) + noise));
      }
    }
  }
}
