package org.deepmetric.train;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.deepmetric.DeepMetricException;

/** Stops training at the first step whose loss is NaN or infinite, before anything is saved. */
public final class DivergenceGuard implements TrainingListener {
  private final Supplier<String> lastCheckpoint;

  public DivergenceGuard(Supplier<String> lastCheckpoint) {
    this.lastCheckpoint = lastCheckpoint;
  }

  /** A guard whose message names the newest checkpoint of {@code store}. */
  public static DivergenceGuard naming(CheckpointStore store) {
    return new DivergenceGuard(() -> store.latest().map(Path::toString).orElse("none"));
  }

  @Override
  public void onStep(StepRecord record) {
    float loss = record.loss();
    if (!Float.isFinite(loss)) {
      throw new DeepMetricException(String.format(
          "loss became %s at step %d: training diverged (try a lower --learning_rate); last good checkpoint: %s",
          loss, record.step(), lastCheckpoint.get()));
    }
  }
}
