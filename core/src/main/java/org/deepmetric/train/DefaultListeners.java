package org.deepmetric.train;

import java.io.PrintWriter;
import java.io.Writer;
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
  private final TrainableModel<?> model;
  private final CheckpointStore checkpoints;
  private final EventWriter events;
  private final StepLog log;
  private final ThroughputMeter meter;
  private Cadence summaries = Cadence.everySeconds(60);
  private PrintWriter progress = new PrintWriter(Writer.nullWriter());
  private final List<TrainingListener> extra = new ArrayList<>();
  private boolean checkpointEveryEpoch;
  private Cadence checkpointCadence;
  private CheckpointNames names = CheckpointNames.DEEPMETRIC;

  private DefaultListeners(TrainableModel<?> model, CheckpointStore checkpoints, EventWriter events, StepLog log,
      ThroughputMeter meter) {
    this.model = model;
    this.checkpoints = checkpoints;
    this.events = events;
    this.log = log;
    this.meter = meter;
  }

  /**
   * The set for {@code model}, saving to {@code checkpoints}, summarising to {@code events} (every
   * 60 s unless told), logging to {@code log} and timing with {@code meter}; add the checkpoint
   * cadence before {@link #build}.
   */
  public static DefaultListeners of(TrainableModel<?> model, CheckpointStore checkpoints, EventWriter events,
      StepLog log, ThroughputMeter meter) {
    return new DefaultListeners(model, checkpoints, events, log, meter);
  }

  public DefaultListeners summariesEvery(Cadence cadence) {
    summaries = cadence;
    return this;
  }

  /** Where the progress bar is drawn (stderr); none by default. */
  public DefaultListeners progressTo(PrintWriter err) {
    progress = err;
    return this;
  }

  /** Run-specific listeners, called after progress and before checkpoints. */
  public DefaultListeners with(List<TrainingListener> listeners) {
    extra.addAll(listeners);
    return this;
  }

  /** Save at each epoch's end (LeNet). */
  public DefaultListeners checkpointEveryEpoch() {
    checkpointEveryEpoch = true;
    return this;
  }

  /** Save on this cadence (re-ID's --save_interval_secs). */
  public DefaultListeners checkpointEvery(Cadence cadence) {
    checkpointCadence = cadence;
    return this;
  }

  /** Whose variable names the checkpoints carry. */
  public DefaultListeners checkpointNames(CheckpointNames value) {
    names = value;
    return this;
  }

  public List<TrainingListener> build() {
    List<TrainingListener> listeners = new ArrayList<>(List.of(meter, log, new SummaryListener(events, summaries),
        new ProgressListener(progress, "train")));
    listeners.addAll(extra);
    listeners.add(new CheckpointListener(checkpoints, model, checkpointEveryEpoch, checkpointCadence, log::note, names));
    listeners.add(TrainingListener.closing(events));
    return listeners;
  }
}
