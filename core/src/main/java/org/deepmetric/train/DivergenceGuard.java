package org.deepmetric.train;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.CheckpointStore;

/**
 * Stops training at the first step whose loss is NaN or infinite. The {@link Trainer} asks it
 * before any listener sees the step, so nothing diverged is ever logged as good or saved.
 */
public final class DivergenceGuard {
  private final Supplier<String> lastCheckpoint;

  public DivergenceGuard(Supplier<String> lastCheckpoint) {
    this.lastCheckpoint = lastCheckpoint;
  }

  /** A guard whose message names the newest checkpoint of {@code store}. */
  public static DivergenceGuard naming(CheckpointStore store) {
    return new DivergenceGuard(() -> store.latest().map(Path::toString).orElse("none"));
  }

  public void check(StepRecord record) {
    float loss = record.loss();
    if (!Float.isFinite(loss)) {
      throw new DeepMetricException(String.format(
          "loss became %s at step %d: training diverged (try a lower --learning_rate); last good checkpoint: %s",
          loss, record.step(), lastCheckpoint.get()));
    }
  }
}
