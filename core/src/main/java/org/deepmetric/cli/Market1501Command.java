package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric market1501}: the original's train_market1501.py. */
@Command(name = "market1501", mixinStandardHelpOptions = true,
    header = "Train, evaluate, export and freeze the appearance model on Market-1501.",
    description = {
        "The cosine metric learning network on Market-1501, as train_market1501.py.",
        "--mode=train trains on bounding_box_train/ (10%% of its identities held out for validation, seed 1234) "
            + "and writes checkpoints, TensorBoard events, validation_ids.txt and train.log to "
            + "LOG_DIR/RUN_ID, resuming when started again; eval, export, freeze, finalize, savedmodel and onnx "
            + "use that run's checkpoints (see --mode)."})
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
  Map<Path, List<PersonImage>> exportTargets(ReidDataset data) {
    Market1501 market = (Market1501) data;
    return galleryAndQueryFiles(sdkDir != null ? sdkDir : datasetDir, market.gallery(), market.query());
  }

  @Override
  ReidDataset open(Path dir, boolean strict, Consumer<String> warn) {
    return Market1501.open(dir, strict, warn);
  }
}
