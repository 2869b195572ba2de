package org.deepmetric.models;

import org.deepmetric.eval.Metric;

/** The re-identification training objective, as {@code --loss_mode} spells it. */
public enum LossMode {
  COSINE_SOFTMAX("cosine-softmax"),
  /** A linear classifier without bias on the features, as the "bag of tricks" re-ID baseline and torchreid train. */
  SOFTMAX("softmax"),
  TRIPLET("triplet"),
  MAGNET("magnet");

  private final String flag;

  LossMode(String flag) {
    this.flag = flag;
  }

  /** The distance for evaluation: cosine for the classifier-trained features, squared Euclidean otherwise. */
  public Metric metric() {
    return this == COSINE_SOFTMAX || this == SOFTMAX ? Metric.COSINE : Metric.SQUARED_EUCLIDEAN;
  }

  /** Whether the mode trains a classifier over the identities (and so needs a head and labels as classes). */
  public boolean classifies() {
    return this == COSINE_SOFTMAX || this == SOFTMAX;
  }

  @Override
  public String toString() {
    return flag;
  }
}
