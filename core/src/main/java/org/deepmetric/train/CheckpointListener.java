package org.deepmetric.train;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.models.TrainableModel;

/**
 * Saves checkpoints at the end of every epoch and/or on a {@link Cadence}, and always once more
 * when training ends normally, so a stopped run can be resumed where it stopped.
 */
public final class CheckpointListener implements TrainingListener {
  private final CheckpointStore store;
  private final TrainableModel<?> model;
  private final boolean everyEpoch;
  private final Cadence cadence;
  private final Consumer<String> log;
  private final CheckpointNames names;
  private long lastSaved = -1;

  /** {@code cadence} may be null when saving per epoch is enough; {@code names} picks whose variable names. */
  public CheckpointListener(CheckpointStore store, TrainableModel<?> model, boolean everyEpoch, Cadence cadence,
      Consumer<String> log, CheckpointNames names) {
    this.names = names;
    this.store = store;
    this.model = model;
    this.everyEpoch = everyEpoch;
    this.cadence = cadence;
    this.log = log;
  }

  @Override
  public void onStart(long firstStep, long lastStep) {
    if (cadence != null) {
      cadence.reset(firstStep - 1);
    }
  }

  @Override
  public void onStep(StepRecord record) {
    if (cadence != null && cadence.due(record.step())) {
      save(record.step());
    }
  }

  @Override
  public void onEpochEnd(int epoch, long step) {
    if (everyEpoch) {
      save(step);
    }
  }

  @Override
  public void onEnd(long step) {
    if (step != lastSaved) {
      save(step);
    }
  }

  private void save(long step) {
    if (step == lastSaved) {
      return;
    }
    Path prefix = store.save(step, temp -> model.writeCheckpoint(temp, names));
    lastSaved = step;
    log.accept("saved checkpoint " + prefix);
  }
}
