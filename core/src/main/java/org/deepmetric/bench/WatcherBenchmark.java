package org.deepmetric.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.deepmetric.eval.CmcValidation;
import org.deepmetric.eval.Metric;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.deepmetric.nn.Precision;
import org.deepmetric.train.ValidationWatcher;

/**
 * What the eval watcher costs per checkpoint at the validation sizes of Market-1501 (75
 * held-out identities of about 17 crops: a tenth of 751) and MARS (62 identities of about 816
 * frames: a tenth of 625), on an untrained checkpoint and one synthetic crop linked under every
 * name (so each decode costs what a real crop's does): the watcher, which encodes only the crops
 * its 10 (Market-1501) or 20 (MARS) galleries draw, against encoding every validation crop first,
 * as it did before.
 */
final class WatcherBenchmark {
  private record Split(String name, int identities, int cropsPerIdentity, int galleries) {}

  private static final List<Split> SPLITS = List.of(new Split("Market-1501", 75, 17, 10),
      new Split("MARS", 62, 816, 20));
  private static final int CAMERAS = 6;
  private static final int BATCH = 128;
  private static final int LOADER_THREADS = 4;

  private WatcherBenchmark() {}

  static void run(Path workDir, PrintWriter out) {
    Path run = workDir.resolve("watcher-run");
    Path checkpoint;
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 2).build()) {
      checkpoint = new CheckpointStore(run, 0).save(model.session(), model.globalStep());
    }
    Path crop = oneCrop(workDir.resolve("watcher-crop"));
    for (Split split : SPLITS) {
      List<PersonImage> crops = crops(split, crop, workDir.resolve("watcher-" + split.name()));
      ValidationWatcher watcher = ValidationWatcher.of(run, workDir.resolve("watcher-eval-" + split.name()), crops)
          .galleries(split.galleries()).batchSize(BATCH).loaderThreads(LOADER_THREADS).build();
      long started = System.nanoTime();
      watcher.evaluate(checkpoint);
      double drawnFirst = (System.nanoTime() - started) / 1e9;
      int used = CmcValidation.used(CmcValidation.draw(crops, split.galleries())).length;
      started = System.nanoTime();
      try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB, Precision.FP32,
               ImageShape.DEFAULT);
           CropLoader loader = new CropLoader(LOADER_THREADS)) {
        CmcValidation.precisionAtK(crops, encoder.encode(crops, loader, BATCH), Metric.COSINE, split.galleries());
      }
      double everything = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "watcher: %s-sized validation (%d identities, %,d crops, %d galleries): %.1f s per "
              + "checkpoint encoding the %,d crops the galleries use, %.1f s encoding every crop (%.1fx)%n",
          split.name(), split.identities(), crops.size(), split.galleries(), drawnFirst, used, everything,
          everything / drawnFirst);
    }
  }

  /** The first training crop of a small synthetic Market-1501 set. */
  private static Path oneCrop(Path dir) {
    SyntheticMarket1501.write(dir, new SynthOptions(4, 2, 0, 0, 1));
    try (Stream<Path> files = Files.list(dir.resolve("bounding_box_train"))) {
      return files.sorted().findFirst().orElseThrow().toAbsolutePath();
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  /** {@code split}'s crops: hard links to {@code crop}, spread over the cameras. */
  private static List<PersonImage> crops(Split split, Path crop, Path dir) {
    List<PersonImage> crops = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (int person = 1; person <= split.identities(); person++) {
        for (int i = 0; i < split.cropsPerIdentity(); i++) {
          int camera = 1 + i % CAMERAS;
          Path file = dir.resolve(String.format(Locale.ROOT, "%04d_c%ds1_%06d_00.jpg", person, camera, i));
          Files.createLink(file, crop);
          crops.add(new PersonImage(file, person, camera, 1, i));
        }
      }
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot link the crops (" + e.getMessage() + ")", e);
    }
    return crops;
  }
}
