package org.deepmetric.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.train.CheckpointStore;
import org.deepmetric.train.EventWriter;

/**
 * The original's eval mode: watches a training run's folder and evaluates each new checkpoint
 * once on the run's validation identities, writing Precision@k to TensorBoard and to
 * {@code cmc.csv}. A checkpoint that cannot be read yet (still being written by something that
 * does not write atomically) is retried at the next poll, a few times, never a crash.
 */
public final class ValidationWatcher {
  public static final String CSV = "cmc.csv";
  private static final int ATTEMPTS = 3;
  private static final Pattern STEP = Pattern.compile("model\\.ckpt-(\\d+)$");

  private final Path runDir;
  private final Path evalDir;
  private final List<PersonImage> validation;
  private final Metric metric;
  private final int galleries;
  private final PrintStream out;
  private final Map<Path, Integer> failures = new HashMap<>();

  public ValidationWatcher(Path runDir, Path evalDir, List<PersonImage> validation, Metric metric, int galleries,
      PrintStream out) {
    this.runDir = runDir;
    this.evalDir = evalDir;
    this.validation = validation;
    this.metric = metric;
    this.galleries = galleries;
    this.out = out;
  }

  /** Evaluates the newest checkpoint, if not evaluated before; returns whether one was evaluated. */
  public boolean evaluateLatest() {
    Optional<Path> latest = new CheckpointStore(runDir, 0).latest();
    return latest.isPresent() && !evaluated().contains(latest.get().getFileName().toString())
        && tryEvaluate(latest.get());
  }

  /** Polls every {@code intervalSeconds} until interrupted, evaluating each checkpoint not yet evaluated. */
  public void watch(double intervalSeconds) throws InterruptedException {
    out.printf("watching %s for checkpoints every %.0f s (Ctrl-C stops)%n", runDir, intervalSeconds);
    while (!Thread.currentThread().isInterrupted()) {
      poll();
      Thread.sleep((long) (intervalSeconds * 1000));
    }
  }

  /** One look at the run folder: evaluates every checkpoint not evaluated (or given up on) yet. */
  public void poll() {
    Set<String> done = evaluated();
    try {
      for (Path checkpoint : new CheckpointStore(runDir, 0).list()) {
        if (!done.contains(checkpoint.getFileName().toString())) {
          tryEvaluate(checkpoint);
        }
      }
    } catch (IOException e) {
      out.println("warning: cannot list " + runDir + " (" + e.getMessage() + "); retrying");
    }
  }

  private boolean tryEvaluate(Path checkpoint) {
    try {
      evaluate(checkpoint);
      return true;
    } catch (DeepMetricException e) {
      int attempts = failures.merge(checkpoint, 1, Integer::sum);
      out.printf("warning: %s (attempt %d of %d)%n", e.getMessage(), attempts, ATTEMPTS);
      if (attempts >= ATTEMPTS) {
        record(checkpoint, step(checkpoint), null);
      }
      return false;
    }
  }

  /** Evaluates one checkpoint and records it; returns Precision@1/5/10/20. */
  public double[] evaluate(Path checkpoint) {
    long step = step(checkpoint);
    FeatureMatrix features;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB);
         CropLoader loader = new CropLoader(2)) {
      features = encoder.encode(validation, loader, 64);
    }
    double[] precision = CmcValidation.precisionAtK(validation, features, metric, galleries);
    try (EventWriter events = new EventWriter(evalDir)) {
      for (int r = 0; r < CmcValidation.RANKS.length; r++) {
        events.scalar("Precision@" + CmcValidation.RANKS[r], step, precision[r]);
      }
    }
    record(checkpoint, step, precision);
    out.printf(Locale.ROOT, "step %d: Precision@1 %.4f  @5 %.4f  @10 %.4f  @20 %.4f%n", step, precision[0],
        precision[1], precision[2], precision[3]);
    return precision;
  }

  private void record(Path checkpoint, long step, double[] precision) {
    Path csv = evalDir.resolve(CSV);
    String line = precision == null
        ? String.format(Locale.ROOT, "%d,%s,,,,%n", step, checkpoint.getFileName())
        : String.format(Locale.ROOT, "%d,%s,%.6f,%.6f,%.6f,%.6f%n", step, checkpoint.getFileName(), precision[0],
            precision[1], precision[2], precision[3]);
    try {
      Files.createDirectories(evalDir);
      if (!Files.exists(csv)) {
        Files.writeString(csv, "step,checkpoint,precision_at_1,precision_at_5,precision_at_10,precision_at_20\n");
      }
      Files.writeString(csv, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DeepMetricException(csv + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Checkpoint names already in the CSV, so a restarted watcher does not repeat work. */
  private Set<String> evaluated() {
    Set<String> names = new HashSet<>();
    Path csv = evalDir.resolve(CSV);
    if (Files.isRegularFile(csv)) {
      try {
        for (String line : Files.readAllLines(csv)) {
          String[] fields = line.split(",");
          if (fields.length > 1) {
            names.add(fields[1]);
          }
        }
      } catch (IOException e) {
        throw new DeepMetricException(csv + ": cannot read (" + e.getMessage() + ")", e);
      }
    }
    return names;
  }

  static long step(Path checkpoint) {
    Matcher m = STEP.matcher(checkpoint.getFileName().toString());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
