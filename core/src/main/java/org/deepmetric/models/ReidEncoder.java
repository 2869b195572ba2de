package org.deepmetric.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.nn.BatchNorm;
import org.deepmetric.nn.Precision;
import org.deepmetric.nn.VariableStore;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A re-ID network in inference mode (moving batch-norm statistics, no dropout), built by the same
 * code as training so the two cannot drift apart: {@code images} uint8 [None,H,W,3] in (the
 * network's crop size unless trained on another), {@code features} float32 [None,D] out (128 for
 * the cosine network, 512 for OSNet), L2-normalised. With BGR input the
 * channels are reversed inside the graph, the order OpenCV (and so deep_sort) delivers.
 */
public final class ReidEncoder implements FeatureEncoder {
  public static final String INPUT = "images";
  public static final String OUTPUT = "features";

  /** The channel order the {@code images} input expects. */
  public enum ChannelOrder { RGB, BGR }

  private final Graph graph;
  private final Session session;
  private final Placeholder<TUint8> images;
  private final Operand<TFloat32> features;
  private final ImageShape shape;

  private final int featureDim;
  private final ReidNetwork network;
  private final boolean bnNeck;

  private ReidEncoder(ChannelOrder order, Precision precision, ImageShape shape, ReidNetwork network, boolean bnNeck) {
    this.shape = shape;
    this.featureDim = network.featureDim();
    this.network = network;
    this.bnNeck = bnNeck;
    graph = new Graph();
    Ops tf = Ops.create(graph);
    images = tf.withName(INPUT).placeholder(TUint8.class,
        Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), ImageShape.CHANNELS)));
    Operand<TUint8> rgb = order == ChannelOrder.BGR ? tf.reverse(images, tf.constant(new int[] {3})) : images;
    List<Op> unusedUpdates = new ArrayList<>();
    features = tf.withName(OUTPUT).identity(network.embed(tf, new VariableStore(0), precision, rgb, false,
        unusedUpdates, BatchNorm.DECAY, bnNeck, null).exported());
    session = new Session(graph);
    session.initialize();
  }

  /** A float32 encoder of 128x64 crops with the weights of checkpoint {@code prefix}. */
  public static ReidEncoder restore(Path prefix, ChannelOrder order) {
    return restore(prefix, order, Precision.FP32, ImageShape.DEFAULT);
  }

  /**
   * An encoder of {@code shape} crops whose convolutions run in {@code precision}. A bf16 graph is
   * faster on CPUs with bfloat16 instructions but needs a TensorFlow with bfloat16 CPU kernels
   * (2.x with oneDNN); TensorFlow 1.x, which older deep_sort setups use, needs float32.
   */
  public static ReidEncoder restore(Path prefix, ChannelOrder order, Precision precision, ImageShape shape) {
    return restore(prefix, order, precision, shape, ReidNetwork.COSINE, false);
  }

  /** An encoder of {@code network} (with the BNNeck batch norm it was trained with, if any). */
  public static ReidEncoder restore(Path prefix, ChannelOrder order, Precision precision, ImageShape shape,
      ReidNetwork network, boolean bnNeck) {
    ReidEncoder encoder = new ReidEncoder(order, precision, shape, network, bnNeck);
    try {
      ModelCheckpoints.restore(encoder.graph, encoder.session, prefix, OriginalNames.Program.COSINE_METRIC_LEARNING,
          note -> { });
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
    return encoder;
  }

  /** Features of a batch of crops in the encoder's channel order. */
  @Override
  public float[] encode(ReidBatch batch) {
    try (TUint8 x = TUint8.tensorOf(Shape.of(batch.size(), shape.height(), shape.width(), ImageShape.CHANNELS),
             DataBuffers.of(batch.images(), true, false));
         Result result = session.runner().feed(images, x).fetch(features).run()) {
      float[] out = new float[batch.size() * featureDim];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  @Override
  public int featureDim() {
    return featureDim;
  }

  @Override
  public ImageShape inputShape() {
    return shape;
  }

  /** The network the encoder runs. */
  public ReidNetwork network() {
    return network;
  }

  /** Whether a BNNeck batch norm sits before its features. */
  public boolean bnNeck() {
    return bnNeck;
  }

  public Graph graph() {
    return graph;
  }

  public Session session() {
    return session;
  }

  public Placeholder<TUint8> images() {
    return images;
  }

  public Operand<TFloat32> features() {
    return features;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
