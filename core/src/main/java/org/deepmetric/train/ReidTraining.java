package org.deepmetric.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deepmetric.data.Prefetcher;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySampler;
import org.deepmetric.data.reid.IdentitySplit;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.EventWriter;
import org.deepmetric.models.ReidModel;

/**
 * The original's training mode: record the run ({@link RunRecord}), hold out the validation
 * identities, then train on identity-balanced batches ({@code batchSize / 4} identities x 4 crops:
 * 32 x 4 under the original's recipe, 16 x 4 under {@code --recipe cpu}) until
 * {@code --number_of_steps}, the {@code --max_minutes} budget or Ctrl-C, each of which checkpoints
 * first, with checkpoints and TensorBoard summaries on timers between. A run folder that already
 * holds checkpoints is resumed.
 */
public final class ReidTraining {
  private final ReidTrainingConfig config;
  private final PrintWriter out;
  private final PrintWriter err;

  /** {@code out} receives the results; {@code err} progress and notes. */
  public ReidTraining(ReidTrainingConfig config, PrintWriter out, PrintWriter err) {
    this.config = config;
    this.out = out;
    this.err = err;
  }

  /** Trains and returns the global step reached. */
  public long run(ReidDataset data) {
    Path runDir = config.runDir();
    List<PersonImage> train = prepareRun(data);
    CheckpointStore checkpoints = new CheckpointStore(runDir, config.keepCheckpoints());
    try (ReidModel model = ReidModel.builder(config.lossMode(), data.numClasses()).precision(config.precision())
        .learningRate(config.learningRate()).seed(config.seed()).imageShape(config.imageShape())
        .network(config.network()).settings(config.recipe().graph()).build()) {
      long[] parameters = model.parameterCounts();
      out.printf(Locale.ROOT, "network %s: %,d parameters (and %,d in the classifier)%n", config.network(),
          parameters[0], parameters[1]);
      long first = restore(model, checkpoints);
      long steps = config.numberOfSteps() > 0 ? config.numberOfSteps() - first : Long.MAX_VALUE - first;
      if (steps <= 0) {
        out.printf("already at step %d of --number_of_steps %d: nothing to do%n", first, config.numberOfSteps());
        return first;
      }
      ThroughputMeter meter = new ThroughputMeter();
      List<TrainingListener> listeners = DefaultListeners.of(model, checkpoints, new EventWriter(runDir),
              new StepLog(runDir.resolve("train.log"), StepLog::slimLine), meter)
          .summariesEvery(Cadence.everySeconds(config.saveSummariesSecs())).progressTo(err)
          .with(config.recipe().scheduled() ? List.of(new LearningRateSchedule(config.learningRate(),
              model::setLearningRate, config.maxMinutes() * 60)) : List.of())
          .checkpointEvery(Cadence.everySeconds(config.saveIntervalSecs())).build();
      try (CropLoader loader = new CropLoader(config.loaderThreads());
           Prefetcher<ReidBatch> batches = batches(data, train, loader, first)) {
        Trainer<ReidBatch> trainer = new Trainer<>(model, batches, DivergenceGuard.naming(checkpoints), listeners);
        long started = System.nanoTime();
        if (config.maxMinutes() > 0) {
          trainer.stopAfter(config.maxMinutes() * 60);
        }
        // The guard stays open until the summary is printed, so Ctrl-C still reports.
        try (StopOnInterrupt stop = new StopOnInterrupt(trainer)) {
          long last = trainer.run(steps, Integer.MAX_VALUE);
          report(first, last, steps, (System.nanoTime() - started) / 1e9, meter, batches, checkpoints);
          return last;
        }
      }
    }
  }

  /** Records the run (split, labels, run record), says what it trains on, and returns the training crops. */
  private List<PersonImage> prepareRun(ReidDataset data) {
    Path runDir = config.runDir();
    IdentitySplit split = IdentitySplit.forRun(runDir, data.train());
    data.recordLabels(runDir);
    RunRecord.of(data.name(), config.lossMode(), config.recipe(), config.network(), config.imageShape()).recordOrCheck(runDir);
    List<PersonImage> train = split.training(data.train());
    out.printf(Locale.ROOT, "%s: %d training crops of %d identities (%d identities held out for validation),"
            + " %d classes; loss %s, precision %s, recipe %s, batches of %d%n", data.name(), train.size(),
        train.stream().map(PersonImage::personId).distinct().count(), split.validationIds().size(),
        data.numClasses(), config.lossMode(), config.precision(), config.recipe(), config.batchSize());
    return train;
  }

  /** Restores --restore_path or the run's latest checkpoint, if any, and returns the global step. */
  private long restore(ReidModel model, CheckpointStore checkpoints) {
    Optional<Path> start = config.restorePath() != null
        ? Optional.of(CheckpointStore.resolve(config.restorePath())) : checkpoints.latest();
    start.ifPresent(prefix -> {
      model.restore(prefix, note -> err.println("note: " + note));
      err.println("resuming from " + prefix + " at step " + model.globalStep());
    });
    return model.globalStep();
  }

  /** Identity-balanced, augmented batches decoded ahead of the graph, seeded by the step they start at. */
  private Prefetcher<ReidBatch> batches(ReidDataset data, List<PersonImage> train, CropLoader loader, long first) {
    int identities = config.batchSize() / ReidTrainingConfig.IMAGES_PER_IDENTITY;
    IdentitySampler sampler = new IdentitySampler(train, identities, ReidTrainingConfig.IMAGES_PER_IDENTITY,
        config.seed() + first, message -> {
          err.println("note: " + message);
          err.flush();
        });
    int depth = Math.max(2, ReidTrainingConfig.PREFETCH_IMAGES / config.batchSize());
    return new Prefetcher<>(loader.training(sampler, config.seed() + first, data.strict() ? null : data::warn,
        config.imageShape(), config.recipe().augmentation()), depth, "reid-batches");
  }

  private void report(long first, long last, long steps, double seconds, ThroughputMeter meter,
      Prefetcher<ReidBatch> batches, CheckpointStore checkpoints) {
    out.printf(Locale.ROOT, "trained steps %d-%d in %.1f s: %.1f images/s (%.0f ms/step, first step left out)%n",
        first + 1, last, seconds, meter.imagesPerSecond(), meter.meanMillisPerStep());
    if (config.maxMinutes() > 0 && last < first + steps && seconds >= config.maxMinutes() * 60) {
      out.printf(Locale.ROOT, "stopped at the --max_minutes budget of %.1f min%n", config.maxMinutes());
    }
    out.printf(Locale.ROOT, "waited for data %.1f s of %.1f s (%.1f%%)%n", batches.waitSeconds(), seconds,
        100 * batches.waitSeconds() / seconds);
    out.println("checkpoint: " + checkpoints.latest().map(Path::toString).orElse("none"));
    out.flush();
  }
}
