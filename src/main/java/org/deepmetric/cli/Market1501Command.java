package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.models.ReidEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric market1501}: the original's train_market1501.py. */
@Command(name = "market1501", mixinStandardHelpOptions = true,
    header = "Train, evaluate, export and freeze the appearance model on Market-1501.",
    description = {
        "The cosine metric learning network on Market-1501, as train_market1501.py: --mode=train trains on",
        "bounding_box_train/ (10% of its identities held out for validation, seed 1234) and writes checkpoints,",
        "TensorBoard events, validation_ids.txt and train.log to LOG_DIR/RUN_ID, resuming when started again;",
        "eval, export, freeze, finalize and savedmodel use that run's checkpoints (see --mode)."})
final class Market1501Command extends ReidCommand {
  @Option(names = "--sdk_dir", paramLabel = "DIR",
      description = "export: the Market-1501 evaluation kit's folder, for feat_query.mat and feat_test.mat (default: --dataset_dir).")
  Path sdkDir;

  @Override
  String datasetName() {
    return "market1501";
  }

  @Override
  int validationGalleries() {
    return 10;
  }

  @Override
  void exportFeatures(ReidDataset data, ReidEncoder encoder, CropLoader loader, MatFeatures.Layout layout) {
    Market1501 market = (Market1501) data;
    Path dir = sdkDir != null ? sdkDir : datasetDir;
    write(dir.resolve("feat_test.mat"), market.gallery(), encoder, loader, layout);
    write(dir.resolve("feat_query.mat"), market.query(), encoder, loader, layout);
  }

  static void write(Path file, List<PersonImage> images, ReidEncoder encoder, CropLoader loader,
      MatFeatures.Layout layout) {
    var features = encoder.encode(images, loader, ENCODE_BATCH);
    MatFeatures.write(file, features, layout,
        images.stream().map(i -> i.file().getFileName().toString()).toList());
    System.out.printf("wrote %s: features %s, %d images (names in %s)%n", file,
        layout == MatFeatures.Layout.COLUMNS ? features.dim() + " x " + features.count()
            : features.count() + " x " + features.dim(), features.count(), MatFeatures.imageListFor(file));
  }

  @Override
  ReidDataset open(Path dir, boolean strict) {
    return Market1501.open(dir, strict, ReidCommand::warn);
  }
}
