package org.deepmetric.data.reid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;

/**
 * Turns lists of crops into batches: each JPEG or PNG is decoded, resized bilinearly to the
 * network's image shape (128x64 unless a custom dataset says otherwise) and, in training,
 * mirrored left-right with probability one half (the original's only augmentation) and then
 * changed by the run's {@link Augmentation}, on a pool of worker threads. Each crop's draws come
 * from a seed drawn in order, so a batch is the same whichever thread decodes which crop.
 */
public final class CropLoader implements AutoCloseable {
  private final ExecutorService workers;

  public CropLoader(int threads) {
    this.workers = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "crop-loader");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Decodes every one of {@code images} into a batch, in order; the first that cannot be read
   * stops it with an error naming the file. {@code flips} null means no flipping.
   */
  public ReidBatch load(List<PersonImage> images, boolean[] flips, ImageShape shape) {
    return load(images, flips, null, null, shape, null);
  }

  /**
   * Endless augmented training batches drawn by {@code sampler}. With {@code skipped} set, a
   * crop that cannot be decoded is left out of its batch and reported there once per file; with
   * null it stops training.
   */
  public Supplier<ReidBatch> training(Supplier<List<PersonImage>> sampler, long seed, Consumer<String> skipped,
      ImageShape shape, Augmentation augmentation) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Path> reported = ConcurrentHashMap.newKeySet();
    return () -> {
      List<PersonImage> images = sampler.get();
      boolean[] flips = new boolean[images.size()];
      long[] seeds = new long[images.size()];
      for (int i = 0; i < flips.length; i++) {
        flips[i] = random.nextBoolean();
        seeds[i] = random.nextLong();
      }
      return load(images, flips, augmentation, seeds, shape, skipped == null ? null : file -> {
        if (reported.add(file)) {
          skipped.accept(file + ": cannot be decoded; left out of training batches");
        }
      });
    };
  }

  private ReidBatch load(List<PersonImage> images, boolean[] flips, Augmentation augmentation, long[] seeds,
      ImageShape shape, Consumer<Path> skip) {
    int bytes = shape.bytes();
    byte[] pixels = new byte[images.size() * bytes];
    int[] labels = new int[images.size()];
    List<Future<?>> pending = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      int index = i;
      PersonImage image = images.get(i);
      labels[i] = image.personId();
      pending.add(workers.submit(() -> {
        Images.copyRgb(Images.resize(Images.read(image.file()), shape.width(), shape.height()),
            flips != null && flips[index], pixels, index * bytes);
        if (augmentation != null) {
          augmentation.apply(pixels, index * bytes, shape, new SplittableRandom(seeds[index]));
        }
      }));
    }
    boolean[] failed = new boolean[images.size()];
    int kept = 0;
    for (int i = 0; i < pending.size(); i++) {
      try {
        await(pending.get(i));
        kept++;
      } catch (DeepMetricException e) {
        if (skip == null) {
          throw e;
        }
        failed[i] = true;
        skip.accept(images.get(i).file());
      }
    }
    if (kept == images.size()) {
      return new ReidBatch(pixels, labels, shape);
    }
    if (kept == 0) {
      throw new DeepMetricException("no crop of a batch of " + images.size() + " could be decoded (first: "
          + images.get(0).file() + ")");
    }
    byte[] keptPixels = new byte[kept * bytes];
    int[] keptLabels = new int[kept];
    for (int i = 0, k = 0; i < images.size(); i++) {
      if (!failed[i]) {
        System.arraycopy(pixels, i * bytes, keptPixels, k * bytes, bytes);
        keptLabels[k++] = labels[i];
      }
    }
    return new ReidBatch(keptPixels, keptLabels, shape);
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      // Images.read reports a bad file as a DeepMetricException naming it; out-of-memory and
      // other Errors are passed on as they are, never dressed up as a decoding failure.
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new DeepMetricException("image decoding failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeepMetricException("interrupted while decoding images", e);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
