package org.deepmetric.infer;

import java.nio.file.Path;
import java.util.List;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.models.LenetModel;
import org.tensorflow.ndarray.Shape;

/** A frozen LeNet graph ({@code input_image} -> {@code probabilities}) applied to digits in batches. */
public final class DigitClassifier implements AutoCloseable {

  private final FrozenGraph graph;

  private DigitClassifier(FrozenGraph graph) {
    this.graph = graph;
  }

  public static DigitClassifier load(Path pb) {
    FrozenGraph graph = FrozenGraph.load(pb);
    try {
      graph.require(LenetModel.INPUT);
      graph.require(LenetModel.PROBABILITIES);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    return new DigitClassifier(graph);
  }

  /**
   * Classifies every input. One batch is run first as a warm-up and not timed, so the reported
   * time per image is the steady state, not TensorFlow's one-off graph optimisation.
   */
  public Predictions classify(List<DigitInput> inputs, int batchSize) {
    float[] probabilities = new float[inputs.size() * MnistDataset.NUM_CLASSES];
    runBatch(inputs, 0, Math.min(batchSize, inputs.size()));
    long nanos = 0;
    for (int from = 0; from < inputs.size(); from += batchSize) {
      int to = Math.min(inputs.size(), from + batchSize);
      long started = System.nanoTime();
      float[] batch = runBatch(inputs, from, to);
      nanos += System.nanoTime() - started;
      System.arraycopy(batch, 0, probabilities, from * MnistDataset.NUM_CLASSES, batch.length);
    }
    return new Predictions(inputs, probabilities, MnistDataset.NUM_CLASSES, nanos / 1e6 / inputs.size());
  }

  private float[] runBatch(List<DigitInput> inputs, int from, int to) {
    float[] pixels = new float[(to - from) * MnistDataset.PIXELS];
    for (int i = from; i < to; i++) {
      System.arraycopy(inputs.get(i).pixels(), 0, pixels, (i - from) * MnistDataset.PIXELS, MnistDataset.PIXELS);
    }
    return graph.run(LenetModel.INPUT, pixels, Shape.of(to - from, MnistDataset.PIXELS), LenetModel.PROBABILITIES);
  }

  @Override
  public void close() {
    graph.close();
  }
}
