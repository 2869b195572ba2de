package org.deepmetric.data.synth;

/**
 * The size of a synthetic dataset: {@code identities} people (half for training, half for
 * testing), seen by up to {@code cameras} cameras, plus distractor (id 0) and junk (id -1) crops,
 * drawn at {@code difficulty}.
 */
public record SynthOptions(int identities, int cameras, int distractors, int junk, long seed, Difficulty difficulty) {
  /** An {@link Difficulty#EASY} set. */
  public SynthOptions(int identities, int cameras, int distractors, int junk, long seed) {
    this(identities, cameras, distractors, junk, seed, Difficulty.EASY);
  }

  public SynthOptions {
    if (identities < 4 || identities > 9998) {
      throw new IllegalArgumentException("identities must be 4 to 9998, got " + identities);
    }
    if (cameras < 2 || cameras > 9) {
      throw new IllegalArgumentException("cameras must be 2 to 9, got " + cameras);
    }
  }

  int trainIdentities() {
    return identities / 2;
  }
}
