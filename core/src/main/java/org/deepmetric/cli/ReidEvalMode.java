package org.deepmetric.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.IdentitySplit;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.train.ValidationWatcher;

/**
 * {@code --mode=eval}: the original's evaluator beside training, on the run's validation
 * identities. It reads the run folder and never creates one.
 */
final class ReidEvalMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) throws InterruptedException {
    Path runDir = c.runDir();
    if (!Files.isDirectory(runDir)) {
      throw new DeepMetricException("no run at " + runDir + "; train first or pass --run_id");
    }
    ReidDataset data = c.openDataset();
    List<PersonImage> validation = IdentitySplit.ofRun(runDir, data.train()).validation(data.train());
    Path evalDir = (c.evalLogDir != null ? c.evalLogDir : Path.of("eval_output", c.datasetName()))
        .resolve(runDir.getFileName());
    ValidationWatcher watcher = new ValidationWatcher(runDir, evalDir, validation, c.metric(), c.validationGalleries(),
        c.imageShape(), c.batch.batchSize, c.loader.loaderThreads, c.out(), c.err());
    if (c.once) {
      watcher.evaluate(c.checkpoint());
    } else {
      watcher.watch(c.evalIntervalSecs);
    }
  }
}
