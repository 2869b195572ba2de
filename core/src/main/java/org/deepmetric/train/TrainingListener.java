package org.deepmetric.train;

/**
 * Hooks on the training loop, the way Deep Java Library's TrainingListener hangs logging,
 * checkpoints and summaries on its Trainer instead of growing the loop itself.
 */
public interface TrainingListener extends AutoCloseable {
  default void onStart(long firstStep, long lastStep) {}

  default void onStep(StepRecord record) {}

  default void onEpochEnd(int epoch, long step) {}

  /** Training ended without error: all steps ran or a stop was requested. */
  default void onEnd(long step) {}

  /** Releases files and terminals; called whether or not training succeeded. */
  @Override
  default void close() {}

  /** A listener that only closes {@code resource} when training ends, so it lives exactly as long. */
  static TrainingListener closing(AutoCloseable resource) {
    return new TrainingListener() {
      @Override
      public void close() {
        try {
          resource.close();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
