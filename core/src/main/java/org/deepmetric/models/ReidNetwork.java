package org.deepmetric.models;

import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.nn.BatchNorm;
import org.deepmetric.nn.Dropout;
import org.deepmetric.nn.Layers;
import org.deepmetric.nn.Precision;
import org.deepmetric.nn.VariableStore;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The re-ID networks, as {@code --network} spells them: the seed's {@link CosineMetricNet}
 * (128-d features of 128 x 64 crops) and {@link OsNet} at four widths (512-d features of 256 x 128
 * crops by default). Training, the encoders and every export build a network through {@link #embed},
 * so the inference graph is the training graph's in inference mode.
 */
public enum ReidNetwork {
  COSINE("cosine", 0),
  OSNET_X0_25("osnet_x0_25", 0.25),
  OSNET_X0_5("osnet_x0_5", 0.5),
  OSNET_X0_75("osnet_x0_75", 0.75),
  OSNET_X1_0("osnet_x1_0", 1.0);

  /** OSNet's input by default, torchreid's. */
  public static final ImageShape OSNET_SHAPE = new ImageShape(256, 128);

  private final String flag;
  private final double width;

  ReidNetwork(String flag, double width) {
    this.flag = flag;
    this.width = width;
  }

  /**
   * What the graph reads from the network: {@code metric} the features the metric losses train
   * (triplet, magnet), {@code classified} those a linear classifier reads, {@code exported} the
   * L2-normalised features the encoders output and a cosine-softmax head reads. Without BNNeck the
   * three are one (normalised) tensor for the cosine network; with BNNeck, {@code classified} is
   * {@code metric} after a batch norm without a learnt centre.
   */
  public record Embedding(Operand<TFloat32> metric, Operand<TFloat32> classified, Operand<TFloat32> exported) {}

  public int featureDim() {
    return this == COSINE ? CosineMetricNet.FEATURE_DIM : OsNet.FEATURE_DIM;
  }

  /** The crop size the network is trained on unless --image_shape says otherwise. */
  public ImageShape defaultShape() {
    return this == COSINE ? ImageShape.DEFAULT : OSNET_SHAPE;
  }

  /** The L2 weight decay of the network's convolution and dense weights. */
  public float weightDecay() {
    return this == COSINE ? CosineMetricNet.WEIGHT_DECAY : OsNet.WEIGHT_DECAY;
  }

  /**
   * The network on RGB {@code images} [N, H, W, 3]: in training, batch norm on batch statistics
   * with its moving-average updates (with {@code batchNormDecay}) appended to {@code updates}, and
   * dropout drawn by {@code dropout} (the cosine network's; null at inference).
   */
  public Embedding embed(Ops tf, VariableStore variables, Precision precision, Operand<TUint8> images,
      boolean training, List<Op> updates, float batchNormDecay, boolean bnNeck, Dropout dropout) {
    Operand<TFloat32> output;
    if (this == COSINE) {
      output = CosineMetricNet.features(Layers.of(tf, variables, precision, weightDecay()), images, training, updates,
          batchNormDecay, dropout);
    } else {
      if (precision != Precision.FP32) {
        throw new DeepMetricException(flag + " runs in float32 only; leave --precision_mode out");
      }
      output = OsNet.features(new Layers<>(tf, variables, TFloat32.class, weightDecay()), images, width, training,
          updates, batchNormDecay);
    }
    if (!bnNeck) {
      Operand<TFloat32> unit = this == COSINE ? output : CosineMetricNet.l2Normalize(tf, output);
      return new Embedding(output, output, unit);
    }
    int dim = featureDim();
    Ops neck = tf.withSubScope("bnneck");
    Operand<TFloat32> normalised = BatchNorm.affine(neck, variables, tf.reshape(output,
        tf.constant(new long[] {-1, 1, 1, dim})), training, updates, batchNormDecay, false);
    Operand<TFloat32> classified = tf.reshape(normalised, tf.constant(new long[] {-1, dim}));
    return new Embedding(output, classified, CosineMetricNet.l2Normalize(tf, classified));
  }

  @Override
  public String toString() {
    return flag;
  }
}
