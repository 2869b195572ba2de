package org.deepmetric.models;

import java.nio.file.Path;
import java.util.Map;
import org.deepmetric.data.Batch;
import org.tensorflow.Session;

/** What the training loop needs of a model: one optimisation step, its step counter, its session. */
public interface TrainableModel<B extends Batch> {
  /** Runs one step on {@code batch}; returns named scalars, "loss" among them, for logs and TensorBoard. */
  Map<String, Float> trainStep(B batch);

  /** The global step stored in the graph (and so in checkpoints). */
  long globalStep();

  /** The session holding the variables. */
  Session session();

  /** Writes all variables as a checkpoint at {@code prefix}, under {@code names}. */
  void writeCheckpoint(Path prefix, CheckpointNames names);
}
