package org.deepmetric.models;

/** The re-identification training objective, as {@code --loss_mode} spells it. */
public enum LossMode {
  COSINE_SOFTMAX("cosine-softmax"),
  TRIPLET("triplet"),
  MAGNET("magnet");

  private final String flag;

  LossMode(String flag) {
    this.flag = flag;
  }

  /** Distances for evaluation: cosine for the classifier-trained features, squared Euclidean otherwise. */
  public boolean usesCosineDistance() {
    return this == COSINE_SOFTMAX;
  }

  @Override
  public String toString() {
    return flag;
  }
}
