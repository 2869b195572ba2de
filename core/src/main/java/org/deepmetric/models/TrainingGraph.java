package org.deepmetric.models;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Batch;
import org.deepmetric.io.CheckpointStore;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What every training graph has: the graph, its {@code global_step} variable, the session that
 * holds the variables once the subclass has built its ops, and a step tracer for profiling.
 */
public abstract class TrainingGraph<B extends Batch> implements TrainableModel<B>, AutoCloseable {
  protected final Graph graph = new Graph();
  protected final Ops tf = Ops.create(graph);
  protected final Variable<TInt64> globalStep = tf.withName("global_step").variable(tf.withInitScope().constant(0L));
  protected final StepTracer tracer = new StepTracer();
  private Session session;

  /** Starts the session and initialises the variables; subclasses call it once their graph is built. */
  protected final void startSession() {
    session = new Session(graph);
    session.initialize();
  }

  /** The program whose checkpoints this graph can restore besides its own. */
  protected abstract OriginalNames.Program originalProgram();

  /**
   * Sets variables by name to {@code values} (each the variable's size, row-major), as a model
   * read from another program gives them; a name the graph lacks is an error naming it.
   */
  public void assign(Map<String, float[]> values) {
    Session.Runner runner = session.runner();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      GraphOperation op = graph.operation(e.getKey());
      if (op == null) {
        throw new DeepMetricException("no variable " + e.getKey() + " in the network");
      }
      Output<TFloat32> variable = op.output(0);
      if (variable.shape().size() != e.getValue().length) {
        throw new DeepMetricException(e.getKey() + ": " + e.getValue().length + " values for a variable of shape "
            + variable.shape());
      }
      runner.addTarget(tf.assign(variable, tf.reshape(tf.constant(e.getValue()), tf.constant(variable.shape()))));
    }
    runner.run().close();
  }

  /** Restores a checkpoint of deepmetric's or of the original program's; {@code note} hears what was left out. */
  public void restore(Path prefix, Consumer<String> note) {
    ModelCheckpoints.restore(graph, session, prefix, originalProgram(), note);
  }

  /**
   * Writes a checkpoint at {@code prefix}: deepmetric's names, or with {@link CheckpointNames#ORIGINAL}
   * every variable under the original program's names with TensorFlow 1 Adam's beta powers, so
   * that the original code restores it and trains on.
   */
  @Override
  public void writeCheckpoint(Path prefix, CheckpointNames names) {
    if (names == CheckpointNames.ORIGINAL) {
      CheckpointStore.writeRenamed(graph, session, prefix, OriginalNames.of(graph, originalProgram()).all(),
          OriginalNames.adamPowers(globalStep()));
    } else {
      session.save(prefix.toString());
    }
  }

  @Override
  public long globalStep() {
    try (Result result = session.runner().fetch(globalStep).run()) {
      return ((TInt64) result.get(0)).getLong();
    }
  }

  @Override
  public Session session() {
    return session;
  }

  public Graph graph() {
    return graph;
  }

  /** Step statistics of training steps, for profiling. */
  public StepTracer tracer() {
    return tracer;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
