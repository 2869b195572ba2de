package org.deepmetric.cli;

import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.train.ReidTraining;
import org.deepmetric.train.ReidTrainingConfig;

/**
 * {@code --mode=train}: trains in LOG_DIR/RUN_ID, resuming its latest checkpoint; with
 * {@code initFrom} (not null), a new run first takes the weights of the OSNet model it names.
 */
record ReidTrainMode(ReidTrainingConfig config, ReidInitFrom initFrom) implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    ReidDataset data = run.dataset().get();
    if (initFrom != null) {
      initFrom.prepare(config, data, run.out());
    }
    new ReidTraining(config, run.out(), run.err()).run(data);
  }
}
