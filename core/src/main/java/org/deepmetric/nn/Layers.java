package org.deepmetric.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * Convolution, dense and pooling layers computing in type {@code T} (float32 or bfloat16) over
 * float32 master weights held in a {@link VariableStore}; weights carry L2 decay {@code weightDecay}.
 */
public final class Layers<T extends TFloating> {
  private final Ops tf;
  private final VariableStore variables;
  private final Class<T> type;
  private final float weightDecay;

  public Layers(Ops tf, VariableStore variables, Class<T> type, float weightDecay) {
    this.tf = tf;
    this.variables = variables;
    this.type = type;
    this.weightDecay = weightDecay;
  }

  /** Layers for {@code precision}; the wildcard lets callers stay generic over the compute type. */
  public static Layers<? extends TFloating> of(Ops tf, VariableStore variables, Precision precision,
      float weightDecay) {
    return new Layers<>(tf, variables, precision.computeType(), weightDecay);
  }

  /** The same layers inside the name scope {@code scope} (a residual block, say). */
  public Layers<T> in(String scope) {
    return new Layers<>(tf.withSubScope(scope), variables, type, weightDecay);
  }

  /** The same layers computing in float32, whatever this instance's type. */
  public Layers<TFloat32> float32() {
    return new Layers<>(tf, variables, TFloat32.class, weightDecay);
  }

  public Ops tf() {
    return tf;
  }

  public VariableStore variables() {
    return variables;
  }

  /** {@code x} in the compute type; no op is added when it already is. */
  @SuppressWarnings("unchecked")
  public Operand<T> cast(Operand<? extends TFloating> x) {
    return x.type() == type ? (Operand<T>) x : tf.dtypes.cast(x, type);
  }

  /** {@code x} as float32, for losses and outputs. */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> toFloat32(Operand<T> x) {
    return x.type() == TFloat32.class ? (Operand<TFloat32>) x : tf.dtypes.cast(x, TFloat32.class);
  }

  /** A weight variable of this scope, with the layers' decay, for an op built by hand (a weight several ops share). */
  public Operand<T> weights(Shape shape, Initializer init) {
    return weight(tf, shape, init);
  }

  /** A bias variable of this scope, without decay. */
  public Operand<T> biases(long size, Initializer init) {
    return bias(tf, size, init);
  }

  private Operand<T> weight(Ops scoped, Shape shape, Initializer init) {
    return cast(variables.trainable(scoped, "weights", shape, init, weightDecay));
  }

  private Operand<T> bias(Ops scoped, long size, Initializer init) {
    return cast(variables.trainable(scoped, "biases", Shape.of(size), init));
  }

  /** A square-kernel NHWC convolution; {@code bias} null means none (a following batch norm supplies it). */
  public Operand<T> conv2d(String scope, Operand<T> x, int kernel, int filters, int stride, String padding,
      Initializer weights, Initializer bias) {
    Ops scoped = tf.withSubScope(scope);
    long inChannels = x.shape().get(3);
    Operand<T> w = weight(scoped, Shape.of(kernel, kernel, inChannels, filters), weights);
    Operand<T> y = scoped.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), padding);
    return bias == null ? y : scoped.nn.biasAdd(y, bias(scoped, filters, bias));
  }

  /**
   * A depthwise convolution: one {@code kernel} x {@code kernel} filter per input channel (channel
   * multiplier 1, PyTorch's groups = channels), no bias; weights [k, k, C, 1].
   */
  public Operand<T> depthwiseConv2d(String scope, Operand<T> x, int kernel, int stride, String padding,
      Initializer weights) {
    Ops scoped = tf.withSubScope(scope);
    Operand<T> w = weight(scoped, Shape.of(kernel, kernel, x.shape().get(3), 1), weights);
    return scoped.nn.depthwiseConv2dNative(x, w, List.of(1L, (long) stride, (long) stride, 1L), padding);
  }

  /** Average pooling over {@code size} x {@code size} windows, no padding. */
  public Operand<T> avgPool(String name, Operand<T> x, int size, int stride) {
    return tf.withName(name).nn.avgPool(x, List.of(1L, (long) size, (long) size, 1L),
        List.of(1L, (long) stride, (long) stride, 1L), "VALID");
  }

  /** A fully connected layer on [N, features] input. */
  public Operand<T> dense(String scope, Operand<T> x, int units,
      Initializer weights, Initializer bias) {
    Ops scoped = tf.withSubScope(scope);
    long inUnits = x.shape().get(1);
    Operand<T> w = weight(scoped, Shape.of(inUnits, units), weights);
    Operand<T> y = scoped.linalg.matMul(x, w);
    return bias == null ? y : scoped.nn.biasAdd(y, bias(scoped, units, bias));
  }

  /**
   * Max pooling with the classic {@code MaxPool} op (sizes as attributes) rather than the
   * {@code MaxPoolV2} that {@code tf.nn.maxPool} emits, so frozen graphs load in TensorFlow 1.x too.
   */
  public Operand<T> maxPool(String name, Operand<T> x, int size, int stride, String padding) {
    Operation pool = tf.scope().opBuilder("MaxPool", name)
        .addInput(x.asOutput())
        .setAttr("ksize", new long[] {1, size, size, 1})
        .setAttr("strides", new long[] {1, stride, stride, 1})
        .setAttr("padding", padding)
        .setAttr("data_format", "NHWC")
        .build();
    return pool.output(0);
  }
}
