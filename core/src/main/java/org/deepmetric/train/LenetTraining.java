package org.deepmetric.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.DigitSet;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.Prefetcher;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.EventWriter;
import org.deepmetric.models.LenetModel;

/**
 * The seed's LeNet run: hold out validation digits, train for epochs x steps with checkpoints
 * each epoch, then report test accuracy, images/s and the end-to-end duration (to report.txt and
 * {@code out}).
 */
public final class LenetTraining {
  private static final int PREFETCH_DEPTH = 8;
  private static final int SUMMARY_EVERY_STEPS = 10;

  private final LenetTrainingConfig config;
  private final PrintWriter out;
  private final PrintWriter err;

  /** {@code out} receives the results and the report; {@code err} progress and notes. */
  public LenetTraining(LenetTrainingConfig config, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.out = out;
    this.err = err;
  }

  /** The digits held out of {@code trainSize} when {@code asked} are: at most a tenth of them. */
  public static int heldOut(int asked, int trainSize) {
    return Math.min(asked, trainSize / 10);
  }

  public TrainingReport run(MnistDataset data) {
    long started = System.nanoTime();
    int validationSize = heldOut(config.validationSize(), data.train().size());
    DigitSet validation = data.train().slice(0, validationSize);
    DigitSet train = data.train().slice(validationSize, data.train().size());
    out.printf(Locale.ROOT, "data: %s (%d train, %d validation, %d test); precision %s%n",
        data.origin(), train.size(), validation.size(), data.test().size(), config.precision());

    CheckpointStore checkpoints = new CheckpointStore(config.checkpointDir(), config.keepCheckpoints());
    try (LenetModel model = LenetModel.create(config.precision(), config.learningRate(), config.seed())) {
      if (config.restorePath() != null) {
        Path prefix = CheckpointStore.resolve(config.restorePath());
        model.restore(prefix, note -> err.println("note: " + note));
        err.println("restored " + prefix + " at step " + model.globalStep());
      }
      ThroughputMeter meter = new ThroughputMeter();
      StepLog log = new StepLog(config.logFile(), StepLog::lenetLine);
      EventWriter events = new EventWriter(config.eventDir());
      List<TrainingListener> extra = validation.isEmpty() ? List.of()
          : List.of(new EpochValidation("validation/accuracy", () -> model.accuracy(validation), events, log, out));
      List<TrainingListener> listeners = DefaultListeners.of(model, checkpoints, events, log, meter)
          .summariesEvery(Cadence.everySteps(SUMMARY_EVERY_STEPS)).progressTo(err).with(extra).checkpointEveryEpoch()
          .checkpointNames(config.checkpointNames()).build();

      long seed = config.seed() ^ model.globalStep();
      try (Prefetcher<DigitBatch> batches =
               new Prefetcher<>(new ShuffledBatches(train, config.batchSize(), seed), PREFETCH_DEPTH, "lenet-batches")) {
        Trainer<DigitBatch> trainer = new Trainer<>(model, batches, DivergenceGuard.naming(checkpoints), listeners);
        long firstStep = model.globalStep() + 1;
        // The guard stays open until the report is written: Ctrl-C still gets the seed's figures.
        try (StopOnInterrupt stop = new StopOnInterrupt(trainer)) {
          long lastStep = trainer.run((long) config.epochs() * config.stepsPerEpoch(), config.stepsPerEpoch());
          double accuracy = model.accuracy(data.test());
          double seconds = (System.nanoTime() - started) / 1e9;
          String checkpoint = checkpoints.latest().map(Path::toString).orElse("none");
          TrainingReport report = new TrainingReport(accuracy, meter.imagesPerSecond(), meter.meanMillisPerStep(),
              seconds, firstStep, lastStep, config.batchSize(), config.precision().toString(), data.origin(), checkpoint);
          report.writeTo(config.reportFile());
          out.print(report.text());
          out.flush();
          return report;
        }
      }
    }
  }
}
