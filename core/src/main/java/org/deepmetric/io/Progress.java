package org.deepmetric.io;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task on stderr: a redrawn bar when a person is watching a terminal, and
 * otherwise (a log file, a pipe, CI) one plain line every {@link #PLAIN_EVERY_SECONDS} seconds
 * and one at the end, instead of hundreds of carriage-return frames.
 */
public final class Progress implements AutoCloseable {
  public static final double PLAIN_EVERY_SECONDS = 10;
  public static final int BAR_UPDATE_MILLIS = 500;

  private final PrintWriter err;
  private final String task;
  private final long max;
  private final ProgressBar bar;
  private long lastPrinted = System.nanoTime();
  private long current;
  private Supplier<String> message = () -> "";
  private boolean printedCurrent = true;

  private Progress(PrintWriter err, String task, long start, long max, boolean terminal) {
    this.err = err;
    this.task = task;
    this.max = max;
    this.current = start;
    this.bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(max).startsFrom(start, Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(BAR_UPDATE_MILLIS)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
  }

  /**
   * Starts reporting {@code task} from {@code start} towards {@code max} (-1 when unknown); a bar
   * when the JVM has a terminal, plain lines on {@code err} otherwise.
   */
  public static Progress start(PrintWriter err, String task, long start, long max) {
    return new Progress(err, task, start, max, System.console() != null);
  }

  /** Plain lines whatever the terminal, for tests and logs. */
  public static Progress plain(PrintWriter err, String task, long start, long max) {
    return new Progress(err, task, start, max, false);
  }

  /** Reports reaching {@code position}, with a short status such as the loss. */
  public void stepTo(long position, String status) {
    stepTo(position, () -> status);
  }

  /**
   * Reports reaching {@code position}; {@code status} is only called when the status is shown (at
   * most every {@link #BAR_UPDATE_MILLIS} ms on a bar, every {@link #PLAIN_EVERY_SECONDS} s in
   * plain lines, and at the end), so a training loop need not format a line per step.
   */
  public void stepTo(long position, Supplier<String> status) {
    current = position;
    message = status;
    long now = System.nanoTime();
    if (bar != null) {
      bar.stepTo(position);
      if ((now - lastPrinted) / 1e6 >= BAR_UPDATE_MILLIS) {
        bar.setExtraMessage(status.get());
        lastPrinted = now;
      }
      return;
    }
    printedCurrent = false;
    if ((now - lastPrinted) / 1e9 >= PLAIN_EVERY_SECONDS) {
      printLine();
      lastPrinted = now;
    }
  }

  private void printLine() {
    String of = max > 0 ? String.format(Locale.ROOT, "/%d (%.0f%%)", max, 100.0 * current / max) : "";
    String status = message.get();
    err.println(task + ": " + current + of + (status.isEmpty() ? "" : " " + status));
    err.flush();
    printedCurrent = true;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.setExtraMessage(message.get());
      bar.close();
    } else if (!printedCurrent) {
      printLine();
    }
  }
}
