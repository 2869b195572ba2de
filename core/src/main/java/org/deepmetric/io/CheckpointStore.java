package org.deepmetric.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.op.Op;

/**
 * TensorFlow V2 checkpoints ({@code model.ckpt-STEP.index} + {@code .data-00000-of-00001}) in one
 * folder, with TensorFlow's {@code checkpoint} state file naming the latest, so
 * {@code tf.train.latest_checkpoint} finds them too.
 *
 * <p>A save writes into a hidden temporary folder, moves the data file and then the index into
 * place, and only then rewrites the state file atomically. A kill at any moment therefore leaves
 * the state file pointing at the previous complete checkpoint; leftovers are removed next time.
 */
public final class CheckpointStore {
  public static final String STATE_FILE = "checkpoint";
  private static final String BASENAME = "model.ckpt";
  private static final Pattern STEP = Pattern.compile(Pattern.quote(BASENAME) + "-(\\d+)\\.index");
  private static final AtomicInteger RENAMED_OPS = new AtomicInteger();
  private static final Pattern STATE_LINE = Pattern.compile("^model_checkpoint_path:\\s*\"(.*)\"\\s*$");

  private final Path dir;
  private final int keep;

  /** A store in {@code dir} keeping the newest {@code keep} checkpoints (0 keeps all). */
  public CheckpointStore(Path dir, int keep) {
    this.dir = dir;
    this.keep = keep;
  }

  /** Writes a checkpoint's files at a prefix (not atomically: {@link #saveAtomically} moves them into place). */
  @FunctionalInterface
  public interface Writer {
    void write(Path prefix);
  }

  /** Saves the session's variables as the checkpoint of {@code step}; returns its prefix. */
  public Path save(Session session, long step) {
    return save(step, temp -> session.save(temp.toString()));
  }

  /** Saves the checkpoint of {@code step} with {@code writer}, keeping the state file and keep-N; returns its prefix. */
  public Path save(long step, Writer writer) {
    Path prefix = dir.resolve(BASENAME + "-" + step);
    try {
      Files.createDirectories(dir);
      removeLeftovers();
      saveAtomically(prefix, writer);
      List<Path> all = list();
      List<Path> kept = keep > 0 && all.size() > keep ? all.subList(all.size() - keep, all.size()) : all;
      AtomicFiles.writeString(dir.resolve(STATE_FILE), stateFile(prefix.getFileName().toString(), kept));
      // Old files go only after the state file stopped naming them.
      deleteCheckpoints(all.subList(0, all.size() - kept.size()));
      return prefix;
    } catch (IOException e) {
      throw new DeepMetricException("cannot save checkpoint " + prefix + " (" + e.getMessage()
          + "); the previous checkpoint, if any, is intact", e);
    }
  }

  /**
   * Writes {@code prefix}.index and .data-* in a hidden folder beside them and moves them into
   * place, data first, so an index is only ever seen beside the data it describes.
   */
  public static void saveAtomically(Session session, Path prefix) {
    saveAtomically(prefix, temp -> session.save(temp.toString()));
  }

  /** Saves the session's variables renamed (see {@link #writeRenamed}) atomically at {@code prefix}. */
  public static void saveRenamed(Graph graph, Session session, Path prefix, Map<String, String> names,
      Map<String, Float> scalars) {
    saveAtomically(prefix, temp -> writeRenamed(graph, session, temp, names, scalars));
  }

  /**
   * Writes the variables named by the keys of {@code names} under their values, the names another
   * program's checkpoints use, plus {@code scalars} (float32 values that program keeps and this
   * one computes, such as Adam's beta powers), as a checkpoint at {@code prefix}.
   */
  public static void writeRenamed(Graph graph, Session session, Path prefix, Map<String, String> names,
      Map<String, Float> scalars) {
    Ops tf = Ops.create(graph).withSubScope("save_renamed_" + RENAMED_OPS.incrementAndGet());
    List<String> tensorNames = new ArrayList<>();
    List<Operand<?>> tensors = new ArrayList<>();
    names.forEach((variable, saved) -> {
      tensorNames.add(saved);
      tensors.add(graph.operation(variable).output(0));
    });
    scalars.forEach((saved, value) -> {
      tensorNames.add(saved);
      tensors.add(tf.constant(value));
    });
    session.runner().addTarget(tf.train.save(tf.constant(prefix.toString()), strings(tf, tensorNames),
        strings(tf, Collections.nCopies(tensorNames.size(), "")), tensors)).run();
  }

  /**
   * Restores each variable (a key of {@code names}) from the tensor its value names in
   * {@code prefix}; an error naming the first tensor the checkpoint lacks.
   */
  public static void restoreRenamed(Graph graph, Session session, Path prefix, Map<String, String> names) {
    Ops tf = Ops.create(graph).withSubScope("restore_renamed_" + RENAMED_OPS.incrementAndGet());
    List<String> variables = new ArrayList<>(names.keySet());
    List<Class<? extends TType>> types = new ArrayList<>();
    for (String variable : variables) {
      types.add(graph.operation(variable).output(0).type());
    }
    Restore restore = tf.train.restore(tf.constant(prefix.toString()),
        strings(tf, variables.stream().map(names::get).toList()), strings(tf, Collections.nCopies(variables.size(), "")),
        types);
    Session.Runner runner = session.runner();
    for (int i = 0; i < variables.size(); i++) {
      runner.addTarget(assign(tf, graph.operation(variables.get(i)).output(0), restore.tensors().get(i)));
    }
    try {
      runner.run();
    } catch (TensorFlowException | IllegalArgumentException | IllegalStateException e) {
      throw restoreFailure(prefix, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Op assign(Ops tf, Output<?> variable, Output<?> value) {
    return tf.assign((Operand<T>) variable, (Operand<T>) value);
  }

  private static Operand<TString> strings(Ops tf, List<String> values) {
    return tf.constant(NdArrays.vectorOfObjects(values.toArray(new String[0])));
  }

  /** Runs {@code writer} on a prefix in a hidden folder beside {@code prefix}, then moves its files into place. */
  public static void saveAtomically(Path prefix, Writer writer) {
    Path dir = prefix.toAbsolutePath().getParent();
    String name = prefix.getFileName().toString();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempDirectory(dir, ".saving-");
      writer.write(temp.resolve(name));
      List<Path> files = new ArrayList<>();
      try (Stream<Path> written = Files.list(temp)) {
        written.filter(p -> p.getFileName().toString().startsWith(name + ".")).forEach(files::add);
      }
      files.sort(Comparator.comparing(p -> p.getFileName().toString().endsWith(".index")));
      for (Path file : files) {
        AtomicFiles.moveInto(file, dir.resolve(file.getFileName()));
      }
    } catch (IOException | TensorFlowException e) {
      throw new DeepMetricException("cannot save checkpoint " + prefix + " (" + e.getMessage()
          + "); the previous checkpoint, if any, is intact", e);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
  }

  /** The newest complete checkpoint named by the state file, if any. */
  public Optional<Path> latest() {
    Path state = dir.resolve(STATE_FILE);
    if (!Files.isRegularFile(state)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(state)) {
        Matcher m = STATE_LINE.matcher(line.trim());
        if (m.matches()) {
          Path prefix = dir.resolve(m.group(1));
          return isComplete(prefix) ? Optional.of(prefix) : Optional.empty();
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new DeepMetricException(state + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** All checkpoint prefixes in the folder, oldest first. */
  public List<Path> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> STEP.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Long.parseLong(m.group(1)))
          .sorted()
          .map(step -> dir.resolve(BASENAME + "-" + step))
          .filter(CheckpointStore::isComplete)
          .toList();
    }
  }

  /**
   * Resolves what a user passed as {@code --restore_path}: a checkpoint prefix, one of its files,
   * or a folder (its latest checkpoint).
   */
  public static Path resolve(Path given) {
    if (Files.isDirectory(given)) {
      return new CheckpointStore(given, 0).latest().orElseThrow(() ->
          new DeepMetricException("--restore_path " + given + ": folder holds no complete checkpoint"));
    }
    String text = given.toString();
    Matcher data = Pattern.compile("(.*)\\.(index|data-\\d+-of-\\d+)$").matcher(text);
    Path prefix = data.matches() ? Path.of(data.group(1)) : given;
    if (!isComplete(prefix)) {
      throw new DeepMetricException("--restore_path " + given + ": no checkpoint there (expected "
          + prefix.getFileName() + ".index and its .data files)");
    }
    return prefix;
  }

  /** Restores variables from {@code prefix} into {@code session}. */
  public static void restore(Session session, Path prefix) {
    try {
      session.restore(prefix.toString());
    } catch (TensorFlowException | IllegalArgumentException | IllegalStateException e) {
      throw restoreFailure(prefix, e);
    }
  }

  /**
   * One line for a failed restore. TensorFlow Java reports a missing tensor as a
   * TensorFlowException and a shape mismatch as an IllegalArgumentException, with graph details
   * on further lines.
   */
  private static DeepMetricException restoreFailure(Path prefix, RuntimeException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    String hint = reason.contains("shapes of both tensors to match")
        ? " (a network of another shape: another --image_shape, or another number of classes?)" : "";
    return new DeepMetricException("cannot restore checkpoint " + prefix + ": " + reason + hint, e);
  }

  static boolean isComplete(Path prefix) {
    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    Path data = prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001");
    return Files.isRegularFile(index) && Files.isRegularFile(data);
  }

  private static String stateFile(String latest, List<Path> all) {
    StringBuilder text = new StringBuilder("model_checkpoint_path: \"" + latest + "\"\n");
    for (Path prefix : all) {
      text.append("all_model_checkpoint_paths: \"").append(prefix.getFileName()).append("\"\n");
    }
    return text.toString();
  }

  private void deleteCheckpoints(List<Path> prefixes) throws IOException {
    for (Path old : prefixes) {
      String stem = old.getFileName().toString() + ".";
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(p -> p.getFileName().toString().startsWith(stem)).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private void removeLeftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> p.getFileName().toString().startsWith(".saving-")).forEach(AtomicFiles::deleteTree);
    }
  }
}
