package org.deepmetric.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.IdentitySplit;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.eval.Metric;
import org.deepmetric.train.ValidationWatcher;

/**
 * {@code --mode=eval}: the original's evaluator beside training, on the run's validation
 * identities. It reads the run folder and never creates one.
 *
 * @param evalDir where the run's TensorBoard events and cmc.csv go (EVAL_LOG_DIR/RUN_ID)
 * @param intervalSecs seconds between looks at the run folder
 * @param once evaluate one checkpoint and return
 * @param galleries random galleries per evaluation (10 Market-1501, 20 MARS)
 * @param metric the distance the loss mode trains for
 */
record ReidEvalMode(Path evalDir, double intervalSecs, boolean once, int galleries, Metric metric)
    implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) throws InterruptedException {
    if (!Files.isDirectory(run.runDir())) {
      throw new DeepMetricException("no run at " + run.runDir() + "; train first or pass --run_id");
    }
    ReidDataset data = run.dataset().get();
    List<PersonImage> validation = IdentitySplit.ofRun(run.runDir(), data.train()).validation(data.train());
    ValidationWatcher watcher = ValidationWatcher.of(run.runDir(), evalDir, validation).metric(metric)
        .galleries(galleries).imageShape(run.imageShape()).network(run.network(), run.bnNeck()).batchSize(run.batchSize())
        .loaderThreads(run.loaderThreads()).output(run.out(), run.err()).build();
    if (once) {
      watcher.evaluate(run.checkpoint());
    } else {
      watcher.watch(intervalSecs);
    }
  }
}
