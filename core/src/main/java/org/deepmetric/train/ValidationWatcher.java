package org.deepmetric.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.Writer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.eval.CmcValidation;
import org.deepmetric.eval.Metric;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.EventWriter;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.Precision;

/**
 * The original's eval mode: watches a training run's folder and evaluates each new checkpoint
 * once on the run's validation identities, writing Precision@k to TensorBoard and to
 * {@code cmc.csv} (rewritten whole and renamed into place, one row per checkpoint). While
 * watching, a checkpoint that fails (one still being written by a tool that does not write
 * atomically, say) is retried at the next polls and given up after {@value #ATTEMPTS} failures
 * with an empty row; {@link #evaluate} on its own reports a failure as an exception.
 */
public final class ValidationWatcher {
  public static final String CSV = "cmc.csv";
  private static final String HEADER = "step,checkpoint,precision_at_1,precision_at_5,precision_at_10,precision_at_20";
  private static final int ATTEMPTS = 3;
  private static final Pattern STEP = Pattern.compile("model\\.ckpt-(\\d+)$");

  private final Path runDir;
  private final Path evalDir;
  private final List<PersonImage> validation;
  private final Metric metric;
  private final int galleries;
  private final ImageShape shape;
  private final ReidNetwork network;
  private final boolean bnNeck;
  private final int batchSize;
  private final int loaderThreads;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<Path, Integer> failures = new HashMap<>();

  private ValidationWatcher(Builder b) {
    runDir = b.runDir;
    evalDir = b.evalDir;
    validation = b.validation;
    metric = b.metric;
    galleries = b.galleries;
    shape = b.shape;
    network = b.network;
    bnNeck = b.bnNeck;
    batchSize = b.batchSize;
    loaderThreads = b.loaderThreads;
    out = b.out;
    err = b.err;
  }

  /**
   * A watcher of the run in {@code runDir} that scores {@code validation} and writes its events and
   * {@value #CSV} to {@code evalDir}; by default with cosine distance, 10 galleries, 128x64 crops
   * encoded 128 at a time, decoded on 4 threads, and nothing printed.
   */
  public static Builder of(Path runDir, Path evalDir, List<PersonImage> validation) {
    return new Builder(runDir, evalDir, validation);
  }

  /** Polls every {@code intervalSeconds} until interrupted, evaluating each checkpoint not yet evaluated. */
  public void watch(double intervalSeconds) throws InterruptedException {
    err.printf("watching %s for checkpoints every %.0f s (Ctrl-C stops)%n", runDir, intervalSeconds);
    err.flush();
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
      err.println("warning: cannot list " + runDir + " (" + e.getMessage() + "); retrying");
      err.flush();
    }
  }

  private void tryEvaluate(Path checkpoint) {
    try {
      evaluate(checkpoint);
    } catch (DeepMetricException e) {
      int attempts = failures.merge(checkpoint, 1, Integer::sum);
      err.printf("warning: %s (attempt %d of %d)%n", e.getMessage(), attempts, ATTEMPTS);
      err.flush();
      if (attempts >= ATTEMPTS) {
        record(checkpoint, step(checkpoint), null);
      }
    }
  }

  /** Evaluates one checkpoint and records it; returns Precision@1/5/10/20. */
  public double[] evaluate(Path checkpoint) {
    long step = step(checkpoint);
    // Only the crops some gallery draws are encoded (on MARS a small share of the validation frames).
    List<CmcValidation.Draw> draws = CmcValidation.draw(validation, galleries);
    int[] used = CmcValidation.used(draws);
    FeatureMatrix usedFeatures;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB, Precision.FP32, shape,
        network, bnNeck);
         CropLoader loader = new CropLoader(loaderThreads)) {
      usedFeatures = encoder.encode(Arrays.stream(used).mapToObj(validation::get).toList(), loader, batchSize);
    }
    float[] all = new float[validation.size() * usedFeatures.dim()];
    for (int k = 0; k < used.length; k++) {
      System.arraycopy(usedFeatures.values(), k * usedFeatures.dim(), all, used[k] * usedFeatures.dim(),
          usedFeatures.dim());
    }
    double[] precision = CmcValidation.precisionAtK(draws, new FeatureMatrix(all, validation.size(), usedFeatures.dim()),
        metric);
    try (EventWriter events = new EventWriter(evalDir)) {
      for (int r = 0; r < CmcValidation.RANKS.length; r++) {
        events.scalar("Precision@" + CmcValidation.RANKS[r], step, precision[r]);
      }
    }
    record(checkpoint, step, precision);
    out.printf(Locale.ROOT, "step %d: Precision@1 %.4f  @5 %.4f  @10 %.4f  @20 %.4f%n", step, precision[0],
        precision[1], precision[2], precision[3]);
    out.flush();
    return precision;
  }

  private void record(Path checkpoint, long step, double[] precision) {
    Path csv = evalDir.resolve(CSV);
    String name = checkpoint.getFileName().toString();
    String row = precision == null
        ? String.format(Locale.ROOT, "%d,%s,,,,", step, name)
        : String.format(Locale.ROOT, "%d,%s,%.6f,%.6f,%.6f,%.6f", step, name, precision[0], precision[1], precision[2],
            precision[3]);
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (String line : rows()) {
      if (!name.equals(line.split(",")[1])) {
        text.append(line).append('\n');
      }
    }
    AtomicFiles.writeString(csv, text.append(row).append('\n').toString());
  }

  /** Checkpoint names already in the CSV, so a restarted watcher does not repeat work. */
  private Set<String> evaluated() {
    Set<String> names = new HashSet<>();
    rows().forEach(line -> names.add(line.split(",")[1]));
    return names;
  }

  /** The CSV's data rows. */
  private List<String> rows() {
    Path csv = evalDir.resolve(CSV);
    if (!Files.isRegularFile(csv)) {
      return List.of();
    }
    try {
      return Files.readAllLines(csv).stream().filter(l -> !l.equals(HEADER) && l.split(",").length > 1).toList();
    } catch (IOException e) {
      throw new DeepMetricException(csv + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  static long step(Path checkpoint) {
    Matcher m = STEP.matcher(checkpoint.getFileName().toString());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The watcher's settings, each changed by a named step. */
  public static final class Builder {
    private final Path runDir;
    private final Path evalDir;
    private final List<PersonImage> validation;
    private Metric metric = Metric.COSINE;
    private int galleries = 10;
    private ImageShape shape = ImageShape.DEFAULT;
    private ReidNetwork network = ReidNetwork.COSINE;
    private boolean bnNeck;
    private int batchSize = 128;
    private int loaderThreads = 4;
    private PrintWriter out = new PrintWriter(Writer.nullWriter());
    private PrintWriter err = new PrintWriter(Writer.nullWriter());

    private Builder(Path runDir, Path evalDir, List<PersonImage> validation) {
      this.runDir = runDir;
      this.evalDir = evalDir;
      this.validation = validation;
    }

    public Builder metric(Metric value) {
      metric = value;
      return this;
    }

    /** Random galleries drawn per evaluation (10 for Market-1501, 20 for MARS). */
    public Builder galleries(int value) {
      galleries = value;
      return this;
    }

    /** The run's network, and whether its recipe had a BNNeck. */
    public Builder network(ReidNetwork value, boolean neck) {
      network = value;
      bnNeck = neck;
      return this;
    }

    public Builder imageShape(ImageShape value) {
      shape = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder loaderThreads(int value) {
      loaderThreads = value;
      return this;
    }

    /** {@code out} receives each checkpoint's figures, {@code err} progress and notes. */
    public Builder output(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
      return this;
    }

    public ValidationWatcher build() {
      return new ValidationWatcher(this);
    }
  }
}
