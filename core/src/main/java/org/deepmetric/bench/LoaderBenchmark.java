package org.deepmetric.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deepmetric.data.reid.Augmentation;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySampler;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;

/** {@code bench --only loader}: how fast the training input pipeline decodes crops. */
final class LoaderBenchmark {
  private LoaderBenchmark() {}

  /**
   * Crops/s of the training input pipeline (JPEG decode, resize to 128x64, random flip, batches
   * of 128 from the identity sampler) on 1, 2 and 4 threads, over synthetic Market-1501 crops.
   * A GPU step as the original ran it (about 11 steps of 128 per second) needs about 1,400 crops/s.
   */
  static void run(Path workDir, boolean quick, PrintWriter out) {
    Path data = workDir.resolve("loader-market1501");
    SyntheticMarket1501.write(data,
        new SynthOptions(200, 6, 0, 0, 1));
    List<PersonImage> train = Market1501.open(data, true, w -> { }).train();
    int batches = quick ? 4 : 12;
    for (int threads : new int[] {1, 2, 4}) {
      try (CropLoader loader = new CropLoader(threads)) {
        var sampler = new IdentitySampler(train, 32, 4, 1, note -> { });
        var supplier = loader.training(sampler, 1, null, ImageShape.DEFAULT, Augmentation.FLIP_ONLY);
        supplier.get();
        long started = System.nanoTime();
        int crops = 0;
        for (int b = 0; b < batches; b++) {
          crops += supplier.get().size();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "loader: %d thread%s, %.0f crops/s (%d crops of %d x %d JPEGs, batches of 128)%n",
            threads, threads == 1 ? "" : "s", crops / seconds, crops, 64, 128);
      }
    }
    out.println("loader: a GPU-sized step (the original's 11 steps of 128 per second) needs about 1,400 crops/s");
  }
}
