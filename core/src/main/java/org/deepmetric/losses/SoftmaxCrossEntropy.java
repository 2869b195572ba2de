package org.deepmetric.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mean softmax cross-entropy over a batch. Integer labels go through a one-hot encoding because
 * the one-hot op carries a registered gradient in TensorFlow's C++ registry and the sparse op
 * does not (TensorFlow 2.18).
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int numClasses) {
    return mean(tf, logits, labels, numClasses, 0f);
  }

  /**
   * With label smoothing {@code epsilon} (Szegedy et al. 2016): the target puts 1 - epsilon +
   * epsilon / K on the label and epsilon / K on each other class, as torchreid's
   * CrossEntropyLoss(label_smooth=True) does.
   */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int numClasses,
      float epsilon) {
    float off = epsilon / numClasses;
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(numClasses), tf.constant(1f - epsilon + off),
        tf.constant(off));
    return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
  }
}
