package org.deepmetric.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into a clean stop: the trainer finishes its step, saves a final checkpoint and
 * reports, and only then does the JVM exit.
 */
public final class StopOnInterrupt implements AutoCloseable {
  private static final long SAVE_GRACE_SECONDS = 120;

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  public StopOnInterrupt(Trainer<?> trainer) {
    hook = new Thread(() -> {
      trainer.requestStop();
      try {
        finished.await(SAVE_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stop-on-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting because of Ctrl-C; the hook is waiting for the latch above.
    }
  }
}
