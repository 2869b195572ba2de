package org.deepmetric.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Prepares the next batches on a background thread while the graph runs the current one (the
 * seed's "parallel data"). A failure in the producer is rethrown to the consumer, not lost.
 */
public final class Prefetcher<T> implements Supplier<T>, AutoCloseable {
  private final BlockingQueue<Object> queue;
  private final Thread worker;
  private volatile boolean closed;
  private long waitNanos;

  public Prefetcher(Supplier<T> source, int depth, String name) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.worker = new Thread(() -> produce(source), name);
    worker.setDaemon(true);
    worker.start();
  }

  private void produce(Supplier<T> source) {
    try {
      while (!closed) {
        queue.put(source.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      try {
        queue.put(new Failure(e));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    try {
      long started = System.nanoTime();
      Object next = queue.take();
      waitNanos += System.nanoTime() - started;
      if (next instanceof Failure failure) {
        queue.offer(failure);
        throw failure.cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure.cause);
      }
      return (T) next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the next batch", e);
    }
  }

  /** Total time the consumer spent waiting for a batch: near zero when preparation keeps up. */
  public double waitSeconds() {
    return waitNanos / 1e9;
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
  }

  private record Failure(Throwable cause) {}
}
