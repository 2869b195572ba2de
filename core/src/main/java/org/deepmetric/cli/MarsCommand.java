package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deepmetric.data.reid.Mars;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import picocli.CommandLine.Command;

/** {@code deepmetric mars}: the original's train_mars.py. */
@Command(name = "mars", mixinStandardHelpOptions = true,
    header = "Train, evaluate, export and freeze the appearance model on MARS.",
    description = {
        "The cosine metric learning network on MARS, as train_mars.py.",
        "--mode=train trains on bbox_train/ as listed by info/train_name.txt (10%% of its identities held out for "
            + "validation, seed 1234) and writes checkpoints, TensorBoard events, validation_ids.txt and "
            + "train.log to LOG_DIR/RUN_ID, resuming when started again; eval, export, freeze, finalize, savedmodel "
            + "and onnx use that run's checkpoints (see --mode)."})
final class MarsCommand extends ReidCommand {
  @Override
  String datasetName() {
    return "mars";
  }

  @Override
  int validationGalleries() {
    return 20;
  }

  /** All test crops in info/test_name.txt order, to DATASET_DIR/feat_test.mat; the kit pools them per tracklet. */
  @Override
  Map<Path, List<PersonImage>> exportTargets(ReidDataset data) {
    return Map.of(datasetDir.resolve("feat_test.mat"), ((Mars) data).test());
  }

  @Override
  ReidDataset open(Path dir, boolean strict, Consumer<String> warn) {
    return Mars.open(dir, strict, warn);
  }
}
