package org.deepmetric.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Batch-hard triplet loss (Hermans, Beyer and Leibe 2017): for each anchor, the farthest
 * same-label sample (itself included) and the nearest other-label sample; with d = sqrt(max(0,
 * 1e-5 + squared distance)), loss = mean softplus(d+ - d-) (the soft margin, cosine_metric_learning's)
 * or, with a margin m > 0, mean max(0, d+ - d- + m) (the "bag of tricks" baseline's, m = 0.3).
 */
public record TripletLoss(Operand<TFloat32> loss, Map<String, Operand<TFloat32>> monitors) {
  static final float EPSILON = 1e-5f;
  static final float ALMOST_INFINITE = 1e10f;

  /** The soft-margin loss. */
  public static TripletLoss build(Ops tf, Operand<TFloat32> features, Operand<TInt32> labels) {
    return build(tf, features, labels, 0f);
  }

  /** The loss with {@code margin}; 0 for the soft margin. */
  public static TripletLoss build(Ops tf, Operand<TFloat32> features, Operand<TInt32> labels, float margin) {
    Ops scoped = tf.withSubScope("triplet");
    Operand<TFloat32> squared = PairwiseDistances.squared(scoped, features, features);
    Operand<TFloat32> distance = scoped.math.sqrt(scoped.math.maximum(scoped.constant(0f),
        scoped.math.add(scoped.constant(EPSILON), squared)));
    Operand<TFloat32> same = PairwiseDistances.sameLabel(scoped, labels, labels);
    Operand<TInt32> rows = scoped.constant(1);
    Operand<TFloat32> positive = scoped.max(scoped.math.mul(same, distance), rows);
    Operand<TFloat32> negative = scoped.min(scoped.math.add(scoped.math.mul(same, scoped.constant(ALMOST_INFINITE)),
        distance), rows);
    Operand<TFloat32> gap = scoped.math.sub(positive, negative);
    Operand<TFloat32> perAnchor = margin > 0 ? scoped.math.maximum(scoped.constant(0f), scoped.math.add(gap,
        scoped.constant(margin))) : scoped.math.softplus(gap);
    Operand<TInt32> all = scoped.constant(0);
    Map<String, Operand<TFloat32>> monitors = new LinkedHashMap<>();
    monitors.put("fraction_active_triplets", scoped.math.mean(scoped.dtypes.cast(
        scoped.math.greaterEqual(perAnchor, scoped.constant(EPSILON)), TFloat32.class), all));
    monitors.put("embedding_squared_norm", scoped.math.mean(scoped.reduceSum(scoped.math.square(features), rows), all));
    monitors.put("mean_distance", scoped.math.mean(scoped.reshape(distance, scoped.constant(new long[] {-1})), all));
    monitors.put("mean_positive_distance", scoped.math.mean(positive, all));
    monitors.put("mean_negative_distance", scoped.math.mean(negative, all));
    return new TripletLoss(scoped.math.mean(perAnchor, all), monitors);
  }
}
