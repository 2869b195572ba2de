package org.deepmetric.data.synth;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * What stays the same about a synthetic person across cameras: clothing colours and pattern,
 * skin and hair, build, and whether they carry a bag. Drawn from the person id, so the same id
 * always looks the same. In a hard set, shirt and trousers come from a palette of eight everyday
 * colours with a little variation, and three in five wear plain tops, so many people dress alike.
 */
record Appearance(Color shirt, Color trousers, Color pattern, int patternKind, Color skin, Color hair,
    double build, boolean bag, Color bagColour) {
  static final int PATTERNS = 4;

  /** Everyday clothing colours: black, white, grey, navy, blue, red, beige, olive. */
  private static final int[] PALETTE = {0x202020, 0xe8e8e8, 0x808080, 0x1f2a44, 0x3b6db3, 0xb02a2a, 0xc8b48c,
      0x5b6b2f};

  static Appearance of(long personId, SynthOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed() * 7919 + personId);
    if (options.difficulty() == Difficulty.HARD) {
      return new Appearance(everyday(random), everyday(random), colour(random),
          random.nextInt(5) < 3 ? 0 : random.nextInt(1, PATTERNS), skin(random),
          new Color(random.nextInt(30, 120), random.nextInt(20, 90), random.nextInt(10, 60)),
          random.nextDouble(0.8, 1.2), random.nextBoolean(), everyday(random));
    }
    return new Appearance(colour(random), colour(random), colour(random), random.nextInt(PATTERNS),
        skin(random), new Color(random.nextInt(30, 120), random.nextInt(20, 90), random.nextInt(10, 60)),
        random.nextDouble(0.8, 1.2), random.nextBoolean(), colour(random));
  }

  private static Color everyday(SplittableRandom random) {
    Color base = new Color(PALETTE[random.nextInt(PALETTE.length)]);
    int jitter = 12;
    return new Color(clamp(base.getRed() + random.nextInt(-jitter, jitter + 1)),
        clamp(base.getGreen() + random.nextInt(-jitter, jitter + 1)), clamp(base.getBlue() + random.nextInt(-jitter, jitter + 1)));
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }

  private static Color colour(SplittableRandom random) {
    return Color.getHSBColor((float) random.nextDouble(), (float) random.nextDouble(0.35, 1.0),
        (float) random.nextDouble(0.25, 1.0));
  }

  private static Color skin(SplittableRandom random) {
    float tone = (float) random.nextDouble(0.25, 0.95);
    return new Color(0.35f + 0.6f * tone, 0.25f + 0.55f * tone, 0.2f + 0.45f * tone);
  }
}
