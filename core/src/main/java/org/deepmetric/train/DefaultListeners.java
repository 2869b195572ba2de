package org.deepmetric.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.EventWriter;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.models.TrainableModel;

/**
 * The listener set that both trainings hang on their {@link Trainer}, as Deep Java Library's
 * {@code TrainingListener.Defaults} does: throughput, the per-step log, TensorBoard summaries,
 * progress, any run-specific listeners, then checkpoints (so a saved step has been logged), and
 * last the event file's closing.
 */
public final class DefaultListeners {
  private DefaultListeners() {}

  /**
   * @param checkpointEveryEpoch save at each epoch's end (LeNet); {@code checkpointCadence}
   *     may be null when that is enough
   * @param names whose variable names the checkpoints carry
   */
  public static List<TrainingListener> of(ThroughputMeter meter, StepLog log, EventWriter events, Cadence summaries,
      PrintWriter err, List<TrainingListener> extra, CheckpointStore checkpoints, TrainableModel<?> model,
      boolean checkpointEveryEpoch, Cadence checkpointCadence, CheckpointNames names) {
    List<TrainingListener> listeners = new ArrayList<>(List.of(meter, log, new SummaryListener(events, summaries),
        new ProgressListener(err, "train")));
    listeners.addAll(extra);
    listeners.add(new CheckpointListener(checkpoints, model, checkpointEveryEpoch, checkpointCadence, log::note, names));
    listeners.add(TrainingListener.closing(events));
    return listeners;
  }
}
