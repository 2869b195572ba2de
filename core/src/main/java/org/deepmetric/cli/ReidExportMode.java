package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=export}: test-split features as .mat files where the dataset's evaluation kit looks. */
final class ReidExportMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    Map<Path, List<PersonImage>> targets = c.exportTargets(c.openDataset());
    try (ReidEncoder encoder = c.encoder(ReidEncoder.ChannelOrder.RGB, Precision.FP32);
         CropLoader loader = new CropLoader(c.loader.loaderThreads)) {
      targets.forEach((file, images) -> {
        FeatureMatrix features = encoder.encode(images, loader, c.batch.batchSize);
        MatFeatures.write(file, features, c.matLayout, images.stream().map(i -> i.file().getFileName().toString())
            .toList());
        c.out().printf("wrote %s: features %s, %d images (names in %s)%n", file,
            c.matLayout == MatFeatures.Layout.COLUMNS ? features.dim() + " x " + features.count()
                : features.count() + " x " + features.dim(), features.count(), MatFeatures.imageListFor(file));
      });
    }
  }
}
