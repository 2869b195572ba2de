package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/**
 * {@code --mode=export}: test-split features as .mat files where the dataset's evaluation kit looks.
 *
 * @param layout one column per image (the kits') or one row
 * @param targets which .mat file gets which images, in the order the dataset's kit expects
 */
record ReidExportMode(MatFeatures.Layout layout, Function<ReidDataset, Map<Path, List<PersonImage>>> targets)
    implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    Map<Path, List<PersonImage>> files = targets.apply(run.dataset().get());
    try (ReidEncoder encoder = run.encoder(ReidEncoder.ChannelOrder.RGB, Precision.FP32);
         CropLoader loader = new CropLoader(run.loaderThreads())) {
      files.forEach((file, images) -> {
        FeatureMatrix features = encoder.encode(images, loader, run.batchSize());
        MatFeatures.write(file, features, layout, images.stream().map(i -> i.file().getFileName().toString())
            .toList());
        run.out().printf("wrote %s: features %s, %d images (names in %s)%n", file,
            layout == MatFeatures.Layout.COLUMNS ? features.dim() + " x " + features.count()
                : features.count() + " x " + features.dim(), features.count(), MatFeatures.imageListFor(file));
      });
    }
  }
}
