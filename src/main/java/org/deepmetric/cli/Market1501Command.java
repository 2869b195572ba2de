package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.ReidDataset;
import picocli.CommandLine.Command;

/** {@code deepmetric market1501}: the original's train_market1501.py. */
@Command(name = "market1501", mixinStandardHelpOptions = true,
    description = {
        "Train the cosine metric learning network on Market-1501 (bounding_box_train/; 10% of its",
        "identities are held out for validation, seed 1234). Writes checkpoints, TensorBoard events,",
        "validation_ids.txt and train.log to LOG_DIR/RUN_ID; starting again there resumes."})
final class Market1501Command extends ReidCommand {
  @Override
  String datasetName() {
    return "market1501";
  }

  @Override
  ReidDataset open(Path dir, boolean strict) {
    return Market1501.open(dir, strict, ReidCommand::warn);
  }
}
