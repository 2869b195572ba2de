package org.deepmetric.track;

/**
 * The appearance feature a track keeps as an exponential moving average, the rule StrongSORT,
 * BoT-SORT and Deep OC-SORT share: smooth' = normalised(alpha x smooth + (1 - alpha) x new), both
 * unit length, alpha the weight of the past (Deep OC-SORT varies it with the detection's score).
 */
public final class FeatureEma {
  private FeatureEma() {}

  /** The next moving average of unit-length {@code smooth} and {@code now}. */
  public static float[] update(float[] smooth, float[] now, double alpha) {
    float[] mixed = new float[now.length];
    for (int k = 0; k < mixed.length; k++) {
      mixed[k] = (float) (alpha * smooth[k] + (1 - alpha) * now[k]);
    }
    return normalised(mixed);
  }

  /** {@code feature} / its L2 norm, computed in double precision (all zeros stay zeros). */
  public static float[] normalised(float[] feature) {
    double norm = 0;
    for (float v : feature) {
      norm += v * v;
    }
    float[] out = new float[feature.length];
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    for (int k = 0; k < feature.length; k++) {
      out[k] = (float) (feature[k] * scale);
    }
    return out;
  }
}
