package org.deepmetric.data.synth;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * What stays the same about a synthetic person across cameras: clothing colours and pattern,
 * skin and hair, build, and whether they carry a bag. Drawn from the person id, so the same id
 * always looks the same.
 */
record Appearance(Color shirt, Color trousers, Color pattern, int patternKind, Color skin, Color hair,
    double build, boolean bag, Color bagColour) {
  static final int PATTERNS = 4;

  static Appearance of(long personId, long datasetSeed) {
    SplittableRandom random = new SplittableRandom(datasetSeed * 7919 + personId);
    return new Appearance(colour(random), colour(random), colour(random), random.nextInt(PATTERNS),
        skin(random), new Color(random.nextInt(30, 120), random.nextInt(20, 90), random.nextInt(10, 60)),
        random.nextDouble(0.8, 1.2), random.nextBoolean(), colour(random));
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
