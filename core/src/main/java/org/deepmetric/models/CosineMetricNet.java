package org.deepmetric.models;

import java.util.List;
import org.deepmetric.nn.BatchNorm;
import org.deepmetric.nn.Dropout;
import org.deepmetric.nn.Initializer;
import org.deepmetric.nn.Layers;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.op.core.ReduceSum;

/**
 * The appearance network of Wojke and Bewley (WACV 2018), the one deep_sort loads.
 *
 * <pre>
 * input  128x64x3 RGB uint8, /255
 * conv1_1 3x3x32 BN ELU; conv1_2 3x3x32 BN ELU; pool1 max 3x3/2 SAME   -> 64x32x32
 *         (built as conv1_2 BN, pool1, ELU: the same function)
 * conv2_1, conv2_3  residual, 32 channels (conv2_1 without pre-activation)
 * conv3_1 (stride 2, 64), conv3_3                                       -> 32x16x64
 * conv4_1 (stride 2, 128), conv4_3                                      -> 16x8x128
 * flatten 16384, dropout 0.6, fc1 128 BN ELU, L2-normalise              = features
 * </pre>
 *
 * Every activation is ELU; conv and dense weights are truncated-normal(1e-3) with L2 decay 1e-8;
 * a layer followed by batch norm has no bias. Convolutions after conv1_1, matrix products and pool1
 * run in the layers' precision (bfloat16 with --precision_mode=bf16); the input scaling, conv1_1,
 * batch norm, ELU, dropout, residual sums and the L2 normalisation stay in float32.
 */
public final class CosineMetricNet {
  public static final int FEATURE_DIM = 128;
  public static final float WEIGHT_DECAY = 1e-8f;
  public static final float KEEP_PROBABILITY = 0.6f;
  static final Initializer WEIGHTS = Initializer.truncatedNormal(1e-3f);

  private final boolean training;
  private final List<Op> updates;
  private final float batchNormDecay;
  private final Dropout dropout;

  private CosineMetricNet(boolean training, List<Op> updates, float batchNormDecay, Dropout dropout) {
    if (training && dropout == null) {
      throw new IllegalArgumentException("training needs a dropout seed");
    }
    this.training = training;
    this.updates = updates;
    this.batchNormDecay = batchNormDecay;
    this.dropout = dropout;
  }

  /**
   * The L2-normalised 128-d features of RGB images [N,128,64,3]. In training, dropout is on, batch
   * norm uses batch statistics and its moving-average updates, with {@code batchNormDecay}, are
   * appended to {@code updates}; {@code dropout} (null at inference) draws the dropout masks.
   */
  public static <T extends TFloating> Operand<TFloat32> features(Layers<T> layers, Operand<TUint8> images,
      boolean training, List<Op> updates, float batchNormDecay, Dropout dropout) {
    return new CosineMetricNet(training, updates, batchNormDecay, dropout).build(layers, images);
  }

  private <T extends TFloating> Operand<TFloat32> build(Layers<T> layers, Operand<TUint8> images) {
    Ops tf = layers.tf();
    Operand<TFloat32> x = tf.math.div(tf.dtypes.cast(images, TFloat32.class), tf.constant(255f));
    // Float32 in every precision: TensorFlow 2.18's oneDNN bfloat16 convolution over 3 input
    // channels returned values near 1e35 in most new sessions (AVX-512 BF16 and AMX code paths),
    // and this layer is 7.1M of the network's 294M multiply-adds per crop.
    x = convBnElu(layers.in("conv1_1").float32(), x, 32, 1);
    // Pooled before its ELU: ELU is increasing, so this is the same function with the same
    // gradients, and ELU and its gradient run on a quarter of the values (1-2.5% of an fp32 step).
    x = convBn(layers.in("conv1_2"), x, 32, 1);
    x = tf.nn.elu(layers.toFloat32(layers.maxPool("pool1", layers.cast(x), 3, 2, "SAME")));
    x = residual(layers.in("conv2_1"), x, false, true);
    x = residual(layers.in("conv2_3"), x, false, false);
    x = residual(layers.in("conv3_1"), x, true, false);
    x = residual(layers.in("conv3_3"), x, false, false);
    x = residual(layers.in("conv4_1"), x, true, false);
    x = residual(layers.in("conv4_3"), x, false, false);
    long flat = x.shape().get(1) * x.shape().get(2) * x.shape().get(3);
    x = dropout(tf, tf.reshape(x, tf.constant(new long[] {-1, flat})));
    Layers<T> fc = layers.in("fc1");
    Operand<TFloat32> dense = fc.toFloat32(fc.dense("dense", fc.cast(x), FEATURE_DIM, WEIGHTS, null));
    Operand<TFloat32> fourD = tf.reshape(dense, tf.constant(new long[] {-1, 1, 1, FEATURE_DIM}));
    Operand<TFloat32> normalised = BatchNorm.apply(fc.tf().withSubScope("bn"), fc.variables(), fourD, training, updates,
        batchNormDecay);
    x = tf.nn.elu(tf.reshape(normalised, tf.constant(new long[] {-1, FEATURE_DIM})));
    return l2Normalize(tf, x);
  }

  /**
   * A pre-activation residual block: (BN, ELU unless first) -> conv 3x3 (stride 2 when the channels
   * double) BN ELU -> dropout -> conv 3x3 with bias; plus the block's raw input, through a 1x1
   * stride-2 projection without bias when the channels double. No activation after the sum.
   */
  private <T extends TFloating> Operand<TFloat32> residual(Layers<T> block, Operand<TFloat32> input,
      boolean increaseDim, boolean first) {
    Ops tf = block.tf();
    long channels = input.shape().get(3);
    int outChannels = (int) (increaseDim ? channels * 2 : channels);
    int stride = increaseDim ? 2 : 1;
    Operand<TFloat32> x = first ? input
        : tf.nn.elu(BatchNorm.apply(tf.withSubScope("preact"), block.variables(), input, training, updates,
            batchNormDecay));
    x = convBnElu(block.in("1"), x, outChannels, stride);
    x = dropout(tf, x);
    Layers<T> second = block.in("2");
    x = second.toFloat32(second.conv2d("conv", second.cast(x), 3, outChannels, 1, "SAME", WEIGHTS, Initializer.zeros()));
    Operand<TFloat32> shortcut = input;
    if (increaseDim) {
      Layers<T> projection = block.in("projection");
      shortcut = projection.toFloat32(
          projection.conv2d("conv", projection.cast(input), 1, outChannels, 2, "SAME", WEIGHTS, null));
    }
    return tf.math.add(shortcut, x);
  }

  private <T extends TFloating> Operand<TFloat32> convBnElu(Layers<T> layer, Operand<TFloat32> x, int filters,
      int stride) {
    return layer.tf().nn.elu(convBn(layer, x, filters, stride));
  }

  private <T extends TFloating> Operand<TFloat32> convBn(Layers<T> layer, Operand<TFloat32> x, int filters,
      int stride) {
    Operand<TFloat32> y = layer.toFloat32(layer.conv2d("conv", layer.cast(x), 3, filters, stride, "SAME", WEIGHTS, null));
    return BatchNorm.apply(layer.tf().withSubScope("bn"), layer.variables(), y, training, updates, batchNormDecay);
  }

  private Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x) {
    return training ? dropout.apply(tf, x, KEEP_PROBABILITY) : x;
  }

  /** x / sqrt(max(sum(x^2), 1e-12)) along the last axis, as tf.nn.l2_normalize. */
  static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squares = tf.reduceSum(tf.math.square(x), tf.constant(-1), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squares, tf.constant(1e-12f))));
  }
}
