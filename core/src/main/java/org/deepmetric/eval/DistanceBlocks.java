package org.deepmetric.eval;

import org.deepmetric.data.FeatureMatrix;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Query-by-gallery distances a block of queries at a time, so memory stays at one block x the
 * gallery (256 x 19,732 floats, 20 MB, for Market-1501) however many queries there are. The dot
 * products run as one TensorFlow matrix product per block.
 */
public final class DistanceBlocks implements AutoCloseable {
  public static final int BLOCK = 256;

  private final FeatureMatrix gallery;
  private final Metric metric;
  private final float[] galleryNorms;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> queries;
  private final Placeholder<TFloat32> galleryInput;
  private final org.tensorflow.Operand<TFloat32> dots;
  private final TFloat32 galleryTensor;

  public DistanceBlocks(FeatureMatrix gallery, Metric metric) {
    this.gallery = gallery;
    this.metric = metric;
    this.galleryNorms = new float[gallery.count()];
    for (int g = 0; g < gallery.count(); g++) {
      galleryNorms[g] = gallery.squaredNorm(g);
    }
    Ops tf = Ops.create(graph);
    queries = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, gallery.dim())));
    galleryInput = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, gallery.dim())));
    dots = tf.linalg.matMul(queries, galleryInput, MatMul.transposeB(true));
    session = new Session(graph);
    galleryTensor = TFloat32.tensorOf(Shape.of(gallery.count(), gallery.dim()),
        DataBuffers.of(gallery.values(), true, false));
  }

  /** Distances of queries {@code from} to {@code to} of {@code query} to every gallery row, row-major. */
  public float[] block(FeatureMatrix query, int from, int to) {
    int rows = to - from;
    float[] slice = new float[rows * query.dim()];
    System.arraycopy(query.values(), from * query.dim(), slice, 0, slice.length);
    float[] out = new float[rows * gallery.count()];
    try (TFloat32 q = TFloat32.tensorOf(Shape.of(rows, query.dim()), DataBuffers.of(slice, true, false));
         Result result = session.runner().feed(queries, q).feed(galleryInput, galleryTensor).fetch(dots).run()) {
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
    }
    for (int r = 0; r < rows; r++) {
      float queryNorm = query.squaredNorm(from + r);
      int base = r * gallery.count();
      for (int g = 0; g < gallery.count(); g++) {
        out[base + g] = metric.distance(out[base + g], queryNorm, galleryNorms[g]);
      }
    }
    return out;
  }

  @Override
  public void close() {
    galleryTensor.close();
    session.close();
    graph.close();
  }
}
