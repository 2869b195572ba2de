package org.deepmetric.models;

import org.deepmetric.eval.Metric;

/** The re-identification training objective, as {@code --loss_mode} spells it. */
public enum LossMode {
  COSINE_SOFTMAX("cosine-softmax"),
  TRIPLET("triplet"),
  MAGNET("magnet");

  private final String flag;

  LossMode(String flag) {
    this.flag = flag;
  }

  /** The distance for evaluation: cosine for the classifier-trained features, squared Euclidean otherwise. */
  public Metric metric() {
    return this == COSINE_SOFTMAX ? Metric.COSINE : Metric.SQUARED_EUCLIDEAN;
  }

  @Override
  public String toString() {
    return flag;
  }
}
