package org.deepmetric.models;

import java.util.ArrayList;
import java.util.List;
import org.deepmetric.nn.BatchNorm;
import org.deepmetric.nn.Initializer;
import org.deepmetric.nn.Layers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * OSNet, the omni-scale network of Zhou et al. (ICCV 2019), as torchreid's {@code osnet.py}
 * defines it, channels c = [64, 256, 384, 512] x the width:
 *
 * <pre>
 * input  H x W x 3 RGB uint8 (256 x 128 by default), /255, ImageNet mean and std
 * conv1  7x7/2 pad 3 to c0, BN ReLU; max pool 3x3/2 pad 1                     -> H/4  x W/4
 * conv2  OS block c0 -> c1, OS block c1 -> c1; 1x1 c1 BN ReLU; avg pool 2x2/2 -> H/8  x W/8
 * conv3  OS block c1 -> c2, OS block c2 -> c2; 1x1 c2 BN ReLU; avg pool 2x2/2 -> H/16 x W/16
 * conv4  OS block c2 -> c3, OS block c3 -> c3
 * conv5  1x1 c3 BN ReLU; global average pool
 * fc     512, BN ReLU                                                          = the feature [N, 512]
 * </pre>
 *
 * An OS block (in -> out, m = out / 4): 1x1 to m, BN ReLU; four streams of 1, 2, 3 and 4 "lite
 * 3x3" layers (1x1 linear conv m -> m, depthwise 3x3 pad 1, BN ReLU); one channel gate shared by
 * the streams (global average pool, 1x1 conv to m / 16 with bias, ReLU, 1x1 conv back with bias,
 * sigmoid) scaling each stream, the four summed; 1x1 to out, BN; plus the input (through a 1x1
 * conv + BN when in != out); ReLU. Convolutions have no bias but the gate's; weights are Kaiming
 * normal (fan out, ReLU), the fc's N(0, 0.01); batch norm is PyTorch's (learnt scale, epsilon
 * 1e-5). PyTorch pads symmetrically and rounds output sizes down, so padded layers pad explicitly
 * and then run unpadded: the same windows for every input size, which a torchreid model's
 * weights need to give its features here. Everything runs in float32.
 */
public final class OsNet {
  /** The channels of conv1 and of stages 2, 3 and 4 at width 1. */
  static final int[] CHANNELS = {64, 256, 384, 512};
  public static final int FEATURE_DIM = 512;
  /** torchreid's weight decay for OSNet (5e-4, the L2 term of its SGD and Adam). */
  public static final float WEIGHT_DECAY = 5e-4f;
  static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
  private static final int GATE_REDUCTION = 16;

  private final boolean training;
  private final List<Op> updates;
  private final float batchNormDecay;

  private OsNet(boolean training, List<Op> updates, float batchNormDecay) {
    this.training = training;
    this.updates = updates;
    this.batchNormDecay = batchNormDecay;
  }

  /** The channels of conv1 and stages 2-4 at {@code width} (torchreid's lists: x0.25 is [16, 64, 96, 128]). */
  public static int[] channels(double width) {
    int[] c = new int[CHANNELS.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = (int) Math.round(CHANNELS[i] * width);
    }
    return c;
  }

  /**
   * The 512-d features (torchreid's output, not normalised) of RGB images [N, H, W, 3]. In
   * training, batch norm uses batch statistics and its moving-average updates (with
   * {@code batchNormDecay}) are appended to {@code updates}.
   */
  public static Operand<TFloat32> features(Layers<TFloat32> layers, Operand<TUint8> images, double width,
      boolean training, List<Op> updates, float batchNormDecay) {
    return new OsNet(training, updates, batchNormDecay).build(layers, images, channels(width));
  }

  private Operand<TFloat32> build(Layers<TFloat32> layers, Operand<TUint8> images, int[] c) {
    Ops tf = layers.tf();
    Operand<TFloat32> x = tf.math.div(tf.math.sub(tf.math.div(tf.dtypes.cast(images, TFloat32.class),
        tf.constant(255f)), tf.constant(IMAGENET_MEAN)), tf.constant(IMAGENET_STD));
    x = convBnRelu(layers.in("conv1"), pad(tf, x, 3), 7, c[0], 2);
    // After ReLU every value is >= 0, so zero padding is the -infinity padding of PyTorch's max pool.
    x = layers.maxPool("maxpool", pad(tf, x, 1), 3, 2, "VALID");
    x = stage(layers.in("conv2"), x, c[1], true);
    x = stage(layers.in("conv3"), x, c[2], true);
    x = stage(layers.in("conv4"), x, c[3], false);
    x = convBnRelu(layers.in("conv5"), x, 1, c[3], 1);
    x = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
    Layers<TFloat32> fc = layers.in("fc");
    Operand<TFloat32> dense = fc.dense("dense", tf.reshape(x, tf.constant(new long[] {-1, c[3]})), FEATURE_DIM,
        Initializer.normal(0.01f), Initializer.zeros());
    Operand<TFloat32> fourD = tf.reshape(dense, tf.constant(new long[] {-1, 1, 1, FEATURE_DIM}));
    Operand<TFloat32> normalised = BatchNorm.affine(fc.tf().withSubScope("bn"), fc.variables(), fourD, training,
        updates, batchNormDecay, true);
    return tf.nn.relu(tf.reshape(normalised, tf.constant(new long[] {-1, FEATURE_DIM})));
  }

  /** Two OS blocks; with {@code transition}, then a 1x1 conv BN ReLU and a 2x2/2 average pool. */
  private Operand<TFloat32> stage(Layers<TFloat32> stage, Operand<TFloat32> x, int out, boolean transition) {
    x = osBlock(stage.in("block1"), x, out);
    x = osBlock(stage.in("block2"), x, out);
    if (transition) {
      x = convBnRelu(stage.in("transition"), x, 1, out, 1);
      x = stage.avgPool("avgpool", x, 2, 2);
    }
    return x;
  }

  /** One OS block of {@code out} channels on {@code input} in inference mode (for tests). */
  static Operand<TFloat32> inferenceBlock(Layers<TFloat32> block, Operand<TFloat32> input, int out) {
    return new OsNet(false, new ArrayList<>(), BatchNorm.TORCH_DECAY).osBlock(block, input, out);
  }

  /** One OS block, {@code in} -> {@code out} channels (see the class comment). */
  private Operand<TFloat32> osBlock(Layers<TFloat32> block, Operand<TFloat32> input, int out) {
    Ops tf = block.tf();
    int mid = out / 4;
    Operand<TFloat32> x = convBnRelu(block.in("conv1"), input, 1, mid, 1);
    Gate gate = new Gate(block.in("gate"), mid);
    Operand<TFloat32> sum = null;
    for (int depth = 1; depth <= 4; depth++) {
      Layers<TFloat32> stream = block.in("stream" + depth);
      Operand<TFloat32> y = x;
      for (int i = 1; i <= depth; i++) {
        y = lite3x3(stream.in("lite" + i), y, mid);
      }
      Operand<TFloat32> gated = gate.apply(y);
      sum = sum == null ? gated : tf.math.add(sum, gated);
    }
    Operand<TFloat32> y = convBn(block.in("conv3"), sum, 1, out, 1);
    Operand<TFloat32> shortcut = input.shape().get(3) == out ? input : convBn(block.in("downsample"), input, 1, out, 1);
    return tf.nn.relu(tf.math.add(y, shortcut));
  }

  /** 1x1 linear conv, depthwise 3x3 pad 1, BN ReLU. */
  private Operand<TFloat32> lite3x3(Layers<TFloat32> layer, Operand<TFloat32> x, int channels) {
    Operand<TFloat32> y = layer.conv2d("conv1x1", x, 1, channels, 1, "VALID", kaiming(channels), null);
    y = layer.depthwiseConv2d("depthwise", pad(layer.tf(), y, 1), 3, 1, "VALID", kaiming(9 * channels));
    return layer.tf().nn.relu(bn(layer, y));
  }

  /**
   * The channel gate of one OS block, shared by its four streams: global average pool, 1x1 conv to
   * channels / 16 with bias, ReLU, 1x1 conv back with bias, sigmoid; the input scaled by it.
   */
  private static final class Gate {
    private final Ops tf;
    private final Operand<TFloat32> w1;
    private final Operand<TFloat32> b1;
    private final Operand<TFloat32> w2;
    private final Operand<TFloat32> b2;

    Gate(Layers<TFloat32> gate, int channels) {
      tf = gate.tf();
      int reduced = Math.max(channels / GATE_REDUCTION, 1);
      Layers<TFloat32> fc1 = gate.in("fc1");
      Layers<TFloat32> fc2 = gate.in("fc2");
      w1 = fc1.weights(Shape.of(1, 1, channels, reduced), kaiming(reduced));
      b1 = fc1.biases(reduced, Initializer.zeros());
      w2 = fc2.weights(Shape.of(1, 1, reduced, channels), kaiming(channels));
      b2 = fc2.biases(channels, Initializer.zeros());
    }

    Operand<TFloat32> apply(Operand<TFloat32> x) {
      List<Long> unit = List.of(1L, 1L, 1L, 1L);
      Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
      Operand<TFloat32> h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(pooled, w1, unit, "VALID"), b1));
      return tf.math.mul(x, tf.math.sigmoid(tf.nn.biasAdd(tf.nn.conv2d(h, w2, unit, "VALID"), b2)));
    }
  }

  private Operand<TFloat32> convBnRelu(Layers<TFloat32> layer, Operand<TFloat32> x, int kernel, int filters,
      int stride) {
    return layer.tf().nn.relu(convBn(layer, x, kernel, filters, stride));
  }

  private Operand<TFloat32> convBn(Layers<TFloat32> layer, Operand<TFloat32> x, int kernel, int filters, int stride) {
    return bn(layer, layer.conv2d("conv", x, kernel, filters, stride, "VALID", kaiming(kernel * kernel * filters),
        null));
  }

  private Operand<TFloat32> bn(Layers<TFloat32> layer, Operand<TFloat32> x) {
    return BatchNorm.affine(layer.tf().withSubScope("bn"), layer.variables(), x, training, updates, batchNormDecay,
        true);
  }

  /** Kaiming normal, fan out, ReLU gain: N(0, sqrt(2 / fan_out)). */
  private static Initializer kaiming(int fanOut) {
    return Initializer.normal((float) Math.sqrt(2.0 / fanOut));
  }

  /** {@code p} zeros on each side of the height and width of NHWC {@code x}. */
  private static Operand<TFloat32> pad(Ops tf, Operand<TFloat32> x, int p) {
    return tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f));
  }
}
