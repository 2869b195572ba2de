package org.deepmetric.train;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.deepmetric.io.EventWriter;

/** Measures a held-out metric at the end of each epoch and records it in TensorBoard and the log. */
public final class EpochValidation implements TrainingListener {
  private final String tag;
  private final DoubleSupplier metric;
  private final EventWriter events;
  private final StepLog log;
  private final PrintWriter out;

  public EpochValidation(String tag, DoubleSupplier metric, EventWriter events, StepLog log, PrintWriter out) {
    this.tag = tag;
    this.metric = metric;
    this.events = events;
    this.log = log;
    this.out = out;
  }

  @Override
  public void onEpochEnd(int epoch, long step) {
    double value = metric.getAsDouble();
    events.scalar(tag, step, value);
    String line = String.format(Locale.ROOT, "epoch %d (step %d): %s %.4f", epoch, step, tag, value);
    log.note(line);
    out.println(line);
  }
}
