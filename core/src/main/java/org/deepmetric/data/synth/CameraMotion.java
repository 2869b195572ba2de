package org.deepmetric.data.synth;

import java.util.SplittableRandom;

/**
 * How the synthetic camera moves, as a map from the scene's pixels to frame f's: scale s about
 * the frame's centre, then a shift. PAN sways 120 pixels left and right and 20 up and down over
 * 150 frames; SHAKE jolts up to 8 pixels each way every frame; ZOOM breathes between 0.8x and
 * 1.25x over 200 frames.
 */
public enum CameraMotion {
  NONE, PAN, SHAKE, ZOOM;

  /** {scale, dx, dy} for frame {@code f}; SHAKE draws its jolts from {@code random}. */
  public double[] at(int f, SplittableRandom random) {
    return switch (this) {
      case NONE -> new double[] {1, 0, 0};
      case PAN -> new double[] {1, 120 * Math.sin(2 * Math.PI * f / 150), 20 * Math.sin(2 * Math.PI * f / 75)};
      case SHAKE -> new double[] {1, random.nextDouble(-8, 8), random.nextDouble(-8, 8)};
      case ZOOM -> new double[] {Math.pow(1.25, Math.sin(2 * Math.PI * f / 200)), 0, 0};
    };
  }
}
