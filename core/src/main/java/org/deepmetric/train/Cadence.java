package org.deepmetric.train;

/**
 * How often something periodic happens: every {@code steps} steps, every {@code seconds} seconds,
 * or whichever comes first (a value of 0 switches that trigger off).
 */
public final class Cadence {
  private final long steps;
  private final double seconds;
  private long lastStep;
  private long lastNanos = System.nanoTime();

  public Cadence(long steps, double seconds) {
    this.steps = steps;
    this.seconds = seconds;
  }

  public static Cadence everySteps(long steps) {
    return new Cadence(steps, 0);
  }

  public static Cadence everySeconds(double seconds) {
    return new Cadence(0, seconds);
  }

  /** Whether it is time at {@code step}; if so the clock restarts from here. */
  public boolean due(long step) {
    long now = System.nanoTime();
    boolean due = (steps > 0 && step - lastStep >= steps) || (seconds > 0 && (now - lastNanos) / 1e9 >= seconds);
    if (due) {
      lastStep = step;
      lastNanos = now;
    }
    return due;
  }

  /** Restarts the clock at {@code step} without it having been due (a run resumed there). */
  public void reset(long step) {
    lastStep = step;
    lastNanos = System.nanoTime();
  }
}
