package org.deepmetric.models;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The re-identification training objective, as {@code --loss_mode} spells it. */
public enum LossMode {
  COSINE_SOFTMAX("cosine-softmax"),
  TRIPLET("triplet"),
  MAGNET("magnet");

  private final String flag;

  LossMode(String flag) {
    this.flag = flag;
  }

  public static LossMode parse(String value) {
    for (LossMode mode : values()) {
      if (mode.flag.equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(LossMode::toString)
        .collect(Collectors.joining(", ")) + ", got '" + value + "'");
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
