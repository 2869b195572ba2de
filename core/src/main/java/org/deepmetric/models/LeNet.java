package org.deepmetric.models;

import org.deepmetric.data.MnistDataset;
import org.deepmetric.nn.Initializer;
import org.deepmetric.nn.Layers;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * LeNet-5 as the Ascend ModelZoo seed builds it: sigmoid activations, SAME padding, glorot-uniform
 * weights and biases. The graph pools before the sigmoid, not after as the seed writes it: the
 * sigmoid is increasing, so max(sigmoid(x)) = sigmoid(max(x)) and the gradients are the same, but
 * the sigmoid and its gradient then run on a quarter of the values (12% less time per batch-64
 * step on the machine PERFORMANCE.md describes).
 *
 * <pre>
 * input 784 -> 28x28x1
 * conv1 5x5x6   sigmoid, max-pool 2x2/2  -> 14x14x6
 * conv2 5x5x16  sigmoid, max-pool 2x2/2  -> 7x7x16 -> 784
 * fc1 120 sigmoid, fc2 84 sigmoid, fc3 10 (logits)
 * </pre>
 */
public final class LeNet {
  private static final Initializer GLOROT_UNIFORM = Initializer.glorotUniform();

  private LeNet() {}

  /** The logits [N, 10], in the layers' compute type, of flat images [N, 784] in [0, 1]. */
  public static <T extends TFloating> Operand<T> logits(Layers<T> layers, Operand<T> images) {
    Ops tf = layers.tf();
    Operand<T> x = tf.reshape(images, tf.constant(new long[] {-1, MnistDataset.SIDE, MnistDataset.SIDE, 1}));
    x = layers.conv2d("conv1", x, 5, 6, 1, "SAME", GLOROT_UNIFORM, GLOROT_UNIFORM);
    x = tf.math.sigmoid(layers.maxPool("pool1", x, 2, 2, "SAME"));
    x = layers.conv2d("conv2", x, 5, 16, 1, "SAME", GLOROT_UNIFORM, GLOROT_UNIFORM);
    x = tf.math.sigmoid(layers.maxPool("pool2", x, 2, 2, "SAME"));
    x = tf.reshape(x, tf.constant(new long[] {-1, 7 * 7 * 16}));
    x = tf.math.sigmoid(layers.dense("fc1", x, 120, GLOROT_UNIFORM, GLOROT_UNIFORM));
    x = tf.math.sigmoid(layers.dense("fc2", x, 84, GLOROT_UNIFORM, GLOROT_UNIFORM));
    return layers.dense("fc3", x, MnistDataset.NUM_CLASSES, GLOROT_UNIFORM, GLOROT_UNIFORM);
  }
}
