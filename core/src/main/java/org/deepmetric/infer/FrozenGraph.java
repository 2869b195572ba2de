package org.deepmetric.infer;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deepmetric.DeepMetricException;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/** A frozen GraphDef (.pb) loaded for inference, fed and fetched by node name. */
public final class FrozenGraph implements AutoCloseable {
  private final Path source;
  private final Graph graph;
  private final Session session;

  private FrozenGraph(Path source, GraphDef definition) {
    this.source = source;
    this.graph = new Graph();
    try {
      graph.importGraphDef(definition);
    } catch (IllegalArgumentException e) {
      graph.close();
      throw new DeepMetricException(source + ": TensorFlow cannot import this graph (" + e.getMessage() + ")", e);
    }
    this.session = new Session(graph);
  }

  /** A graph already in memory (a benchmark's own freeze, say). */
  public static FrozenGraph fromDefinition(GraphDef definition) {
    return new FrozenGraph(Path.of("<in memory>"), definition);
  }

  public static FrozenGraph load(Path pb) {
    try {
      return new FrozenGraph(pb, GraphDef.parseFrom(Files.readAllBytes(pb)));
    } catch (NoSuchFileException e) {
      throw new DeepMetricException(pb + ": file not found");
    } catch (InvalidProtocolBufferException e) {
      throw new DeepMetricException(pb + ": not a TensorFlow GraphDef (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new DeepMetricException(pb + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Checks that the graph has {@code node}, naming the file when it does not. */
  public void require(String node) {
    if (graph.operation(node) == null) {
      throw new DeepMetricException(source + ": graph has no node '" + node + "'");
    }
  }

  /** Feeds float32 {@code values} of {@code shape} to {@code input} and returns {@code output}, flattened. */
  public float[] run(String input, float[] values, Shape shape, String output) {
    try (TFloat32 x = TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
         Result result = session.runner().feed(input, x).fetch(output).run()) {
      TFloat32 y = (TFloat32) result.get(0);
      float[] out = new float[(int) y.shape().size()];
      y.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  public Graph graph() {
    return graph;
  }

  public Session session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
