package org.deepmetric.data.synth;

/**
 * How hard a synthetic re-ID set is, as {@code synth --difficulty} spells it. {@code easy} is the
 * original look: clothing colours drawn freely, cameras that differ only in brightness. {@code hard}
 * adds what makes real cross-camera matching hard: per-camera colour cast, gain, blur and noise;
 * front, back and side views; occluding objects; partial bodies; and people dressed alike
 * (clothing from a small shared palette).
 */
public enum Difficulty {
  EASY("easy"),
  HARD("hard");

  private final String flag;

  Difficulty(String flag) {
    this.flag = flag;
  }

  @Override
  public String toString() {
    return flag;
  }
}
