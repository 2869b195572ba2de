package org.deepmetric.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.BuildInfo;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidNetwork;

/**
 * What a re-ID training run was trained with, kept in its folder as {@value #FILE} (a Java
 * properties file, one {@code key=value} a line), so that eval, export, freeze and the other modes
 * rebuild the same network without being told again, and a flag that contradicts the run is caught
 * instead of building a different network over its weights. Example:
 *
 * <pre>
 * # deepmetric training run: what it was trained with
 * dataset=market1501
 * loss_mode=cosine-softmax
 * recipe=cpu
 * network=cosine
 * image_shape=128,64
 * deepmetric=0.1.0-SNAPSHOT
 * </pre>
 *
 * <p>Runs made before the record existed kept only their crop shape, in {@code image_shape.txt}
 * ("H,W"); such a run reads as a record with only {@link #imageShape} (the other fields null). A run
 * recorded before {@code network} existed was trained on the cosine network.
 */
public record RunRecord(String dataset, LossMode lossMode, Recipe recipe, ReidNetwork network, ImageShape imageShape,
    String version) {
  public static final String FILE = "run.properties";
  static final String LEGACY_SHAPE_FILE = "image_shape.txt";

  /** The record of a run starting now with deepmetric's own version. */
  public static RunRecord of(String dataset, LossMode lossMode, Recipe recipe, ReidNetwork network,
      ImageShape imageShape) {
    return new RunRecord(dataset, lossMode, recipe, network, imageShape, BuildInfo.version());
  }

  /** The record in {@code runDir}, if the run has one. */
  public static Optional<RunRecord> read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return readLegacy(runDir);
    }
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      values.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    try {
      return Optional.of(new RunRecord(required(values, "dataset"),
          named(LossMode.values(), required(values, "loss_mode"), "loss_mode"),
          named(Recipe.values(), required(values, "recipe"), "recipe"),
          named(ReidNetwork.values(), values.getProperty("network", ReidNetwork.COSINE.toString()).trim(), "network"),
          ImageShape.parse(required(values, "image_shape")), values.getProperty("deepmetric", "")));
    } catch (DeepMetricException e) {
      throw new DeepMetricException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * At the start of training: writes this record into a new run, or, resuming, checks it against
   * the record the run was started with (a different network or loss cannot resume its weights).
   */
  public void recordOrCheck(Path runDir) {
    Optional<RunRecord> saved = read(runDir);
    if (saved.isPresent()) {
      String conflict = saved.get().conflictWith(this);
      if (conflict != null) {
        throw new DeepMetricException(runDir.resolve(FILE) + ": this run was trained with " + conflict
            + "; use a new --run_id");
      }
      if (Files.isRegularFile(runDir.resolve(FILE))) {
        return;
      }
    }
    AtomicFiles.writeString(runDir.resolve(FILE), text());
  }

  /** The first recorded setting on which {@code other} differs, as "NAME X, not Y", or null. */
  String conflictWith(RunRecord other) {
    if (dataset != null && !dataset.equals(other.dataset)) {
      return "dataset " + dataset + ", not " + other.dataset;
    }
    if (lossMode != null && lossMode != other.lossMode) {
      return "loss mode " + lossMode + ", not " + other.lossMode;
    }
    if (recipe != null && recipe != other.recipe) {
      return "recipe " + recipe + ", not " + other.recipe;
    }
    if (network != null && network != other.network) {
      return "network " + network + ", not " + other.network;
    }
    if (!imageShape.equals(other.imageShape)) {
      return imageShape + " crops, not " + other.imageShape;
    }
    return null;
  }

  /** The file's text. */
  public String text() {
    return "# deepmetric training run: what it was trained with\n"
        + "dataset=" + dataset + "\n"
        + "loss_mode=" + lossMode + "\n"
        + "recipe=" + recipe + "\n"
        + "network=" + network + "\n"
        + "image_shape=" + imageShape + "\n"
        + "deepmetric=" + version + "\n";
  }

  private static Optional<RunRecord> readLegacy(Path runDir) {
    Path file = runDir.resolve(LEGACY_SHAPE_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunRecord(null, null, null, null, ImageShape.parse(Files.readString(file)), null));
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    } catch (DeepMetricException e) {
      throw new DeepMetricException(file + ": " + e.getMessage(), e);
    }
  }

  private static String required(Properties values, String key) {
    String value = values.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new DeepMetricException("'" + key + "' is missing");
    }
    return value.trim();
  }

  private static <E extends Enum<E>> E named(E[] constants, String value, String key) {
    return Arrays.stream(constants).filter(c -> c.toString().equals(value)).findFirst().orElseThrow(
        () -> new DeepMetricException(key + " '" + value + "' is not one of " + Arrays.toString(constants)));
  }
}
