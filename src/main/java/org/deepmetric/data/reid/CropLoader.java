package org.deepmetric.data.reid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;

/**
 * Turns lists of crops into batches: each JPEG is decoded, resized bilinearly to 128x64 and,
 * in training, mirrored left-right with probability one half (the original's only augmentation),
 * on a pool of worker threads.
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

  /** Decodes {@code images} into a batch; {@code flips} null means no flipping. */
  public ReidBatch load(List<PersonImage> images, boolean[] flips) {
    byte[] pixels = new byte[images.size() * ReidBatch.IMAGE_BYTES];
    int[] labels = new int[images.size()];
    List<Future<?>> pending = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      int index = i;
      PersonImage image = images.get(i);
      labels[i] = image.personId();
      pending.add(workers.submit(() -> Images.copyRgb(
          Images.resize(Images.read(image.file()), ReidBatch.WIDTH, ReidBatch.HEIGHT),
          flips != null && flips[index], pixels, index * ReidBatch.IMAGE_BYTES)));
    }
    for (Future<?> future : pending) {
      await(future);
    }
    return new ReidBatch(pixels, labels);
  }

  /** Endless augmented training batches drawn by {@code sampler}. */
  public Supplier<ReidBatch> training(Supplier<List<PersonImage>> sampler, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return () -> {
      List<PersonImage> images = sampler.get();
      boolean[] flips = new boolean[images.size()];
      for (int i = 0; i < flips.length; i++) {
        flips[i] = random.nextBoolean();
      }
      return load(images, flips);
    };
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new DeepMetricException("image decoding failed: " + e.getCause(), e.getCause());
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
