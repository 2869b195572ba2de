package org.deepmetric.cli;

import org.deepmetric.train.ReidTraining;
import org.deepmetric.train.ReidTrainingConfig;

/** {@code --mode=train}: trains in LOG_DIR/RUN_ID, resuming its latest checkpoint. */
record ReidTrainMode(ReidTrainingConfig config) implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    new ReidTraining(config, run.out(), run.err()).run(run.dataset().get());
  }
}
