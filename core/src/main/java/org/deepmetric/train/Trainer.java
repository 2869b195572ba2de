package org.deepmetric.train;

import java.util.List;
import java.util.function.Supplier;
import org.deepmetric.data.Batch;
import org.deepmetric.models.TrainableModel;

/**
 * The training loop: take a batch, run one step, check the loss, tell the listeners. Everything
 * else (checkpoints, logs, TensorBoard, progress) is a {@link TrainingListener}. The divergence
 * guard is not a listener: it sees every step before any listener can save or log it.
 */
public final class Trainer<B extends Batch> {
  private final TrainableModel<B> model;
  private final Supplier<B> batches;
  private final DivergenceGuard guard;
  private final List<TrainingListener> listeners;
  private volatile boolean stopRequested;
  private long deadlineNanos = Long.MAX_VALUE;

  public Trainer(TrainableModel<B> model, Supplier<B> batches, DivergenceGuard guard, List<TrainingListener> listeners) {
    this.model = model;
    this.batches = batches;
    this.guard = guard;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Runs {@code steps} steps from the model's current global step; epochs are
   * {@code stepsPerEpoch} long and numbered from the global step, so a resumed run carries on
   * counting. Returns the global step reached. Listeners are closed in every case; a failure
   * while closing is added to the one that stopped training, never put in its place.
   */
  public long run(long steps, int stepsPerEpoch) {
    long first = model.globalStep();
    long last = first + steps;
    long step = first;
    RuntimeException failure = null;
    try {
      listeners.forEach(l -> l.onStart(first + 1, last));
      while (step < last && !stopRequested && System.nanoTime() < deadlineNanos) {
        long started = System.nanoTime();
        B batch = batches.get();
        var scalars = model.trainStep(batch);
        double seconds = (System.nanoTime() - started) / 1e9;
        step++;
        int epoch = (int) ((step - 1) / stepsPerEpoch) + 1;
        int stepInEpoch = (int) ((step - 1) % stepsPerEpoch) + 1;
        StepRecord record = new StepRecord(step, epoch, stepInEpoch, scalars, batch.size(), seconds);
        guard.check(record);
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
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      closeAll(failure);
    }
  }

  /** Ends the run, as a stop request would, at the first step boundary {@code seconds} from now. */
  public void stopAfter(double seconds) {
    deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
  }

  /** Asks the loop to stop after the current step (Ctrl-C); it still saves and reports. */
  public void requestStop() {
    stopRequested = true;
  }

  private void closeAll(RuntimeException failure) {
    RuntimeException first = failure;
    for (TrainingListener listener : listeners) {
      try {
        listener.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null && first != failure) {
      throw first;
    }
  }
}
