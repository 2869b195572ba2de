package org.deepmetric.train;

import org.deepmetric.models.TrainableModel;

import java.util.List;
import java.util.function.Supplier;

/**
 * The training loop: take a batch, run one step, tell the listeners. Everything else
 * (checkpoints, logs, TensorBoard, progress, divergence checks) is a {@link TrainingListener}.
 */
public final class Trainer<B> {
  private final TrainableModel<B> model;
  private final Supplier<B> batches;
  private final int batchSize;
  private final List<TrainingListener> listeners;
  private volatile boolean stopRequested;

  public Trainer(TrainableModel<B> model, Supplier<B> batches, int batchSize, List<TrainingListener> listeners) {
    this.model = model;
    this.batches = batches;
    this.batchSize = batchSize;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Runs {@code steps} steps from the model's current global step; epochs are
   * {@code stepsPerEpoch} long and numbered from the global step, so a resumed run carries on
   * counting. Returns the global step reached. Listeners are closed in every case.
   */
  public long run(long steps, int stepsPerEpoch) {
    long first = model.globalStep();
    long last = first + steps;
    long step = first;
    try {
      listeners.forEach(l -> l.onStart(first + 1, last));
      while (step < last && !stopRequested) {
        long started = System.nanoTime();
        B batch = batches.get();
        var scalars = model.trainStep(batch);
        double seconds = (System.nanoTime() - started) / 1e9;
        step++;
        int epoch = (int) ((step - 1) / stepsPerEpoch) + 1;
        int stepInEpoch = (int) ((step - 1) % stepsPerEpoch) + 1;
        StepRecord record = new StepRecord(step, epoch, stepInEpoch, scalars, batchSize, seconds);
        for (TrainingListener listener : listeners) {
          listener.onStep(record);
        }
        if (stepInEpoch == stepsPerEpoch) {
          for (TrainingListener listener : listeners) {
            listener.onEpochEnd(epoch, step);
          }
        }
      }
      for (TrainingListener listener : listeners) {
        listener.onEnd(step);
      }
      return step;
    } finally {
      closeAll();
    }
  }

  /** Asks the loop to stop after the current step (Ctrl-C); it still saves and reports. */
  public void requestStop() {
    stopRequested = true;
  }

  private void closeAll() {
    RuntimeException first = null;
    for (TrainingListener listener : listeners) {
      try {
        listener.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
