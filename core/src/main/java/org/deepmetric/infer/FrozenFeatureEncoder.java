package org.deepmetric.infer;

import java.nio.file.Path;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.models.ReidEncoder;
import org.tensorflow.Result;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A frozen appearance model as deep_sort uses it ({@code images} uint8 BGR [N,H,W,3] ->
 * {@code features} float32 [N,D]; H x W is what the graph declares, 128 x 64 for deep_sort's own
 * and for deepmetric's unless trained on another {@code --image_shape}).
 */
public final class FrozenFeatureEncoder implements AppearanceModel {
  private final FrozenGraph graph;
  private final String input;
  private final String output;

  private FrozenFeatureEncoder(FrozenGraph graph, String prefix) {
    this.graph = graph;
    this.input = prefix + ReidEncoder.INPUT;
    this.output = prefix + ReidEncoder.OUTPUT;
  }

  /** Loads {@code pb}; finds its nodes with no import prefix or with deep_sort's old {@code net/}. */
  public static FrozenFeatureEncoder load(Path pb) {
    FrozenGraph graph = FrozenGraph.load(pb);
    String prefix = graph.graph().operation(ReidEncoder.INPUT) != null ? "" : "net/";
    try {
      graph.require(prefix + ReidEncoder.INPUT);
      graph.require(prefix + ReidEncoder.OUTPUT);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    return new FrozenFeatureEncoder(graph, prefix);
  }

  @Override
  public float[] encodeBgr(byte[] patches, int count) {
    ImageShape shape = inputShape();
    try (TUint8 x = TUint8.tensorOf(Shape.of(count, shape.height(), shape.width(), ImageShape.CHANNELS),
             DataBuffers.of(patches, true, false));
         Result result = graph.session().runner().feed(input, x).fetch(output).run()) {
      TFloat32 y = (TFloat32) result.get(0);
      float[] out = new float[(int) y.shape().size()];
      y.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /** The patch shape the graph's static input shape declares, as deep_sort reads it. */
  @Override
  public String engine() {
    return "TensorFlow " + TensorFlow.version() + ", frozen graph";
  }

  @Override
  public ImageShape inputShape() {
    Shape shape = graph.graph().operation(input).output(0).shape();
    return new ImageShape((int) shape.get(1), (int) shape.get(2));
  }

  /** The feature length the graph's static output shape declares, as deep_sort reads it. */
  @Override
  public int featureDim() {
    return (int) graph.graph().operation(output).output(0).shape().get(1);
  }

  @Override
  public void close() {
    graph.close();
  }
}
