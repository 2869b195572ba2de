package org.deepmetric.models;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.CheckpointStore;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * Restores a model from a checkpoint written by deepmetric or by the original program, telling
 * them apart by the names inside: first every variable under deepmetric's names; failing that,
 * the network's variables under either program's names, then, if the checkpoint has them, the
 * optimizer's slots and the step (a finalized checkpoint has neither, and Adam then starts afresh).
 */
public final class ModelCheckpoints {
  private ModelCheckpoints() {}

  /** Restores {@code prefix} into {@code session}; {@code note} hears what could not be carried over. */
  public static void restore(Graph graph, Session session, Path prefix, OriginalNames.Program program,
      Consumer<String> note) {
    DeepMetricException ours;
    try {
      CheckpointStore.restore(session, prefix);
      return;
    } catch (DeepMetricException e) {
      if (!e.getMessage().contains("not found in checkpoint")) {
        throw e;
      }
      ours = e;
    }
    OriginalNames.Mapping original = OriginalNames.of(graph, program);
    String originalFailure = "";
    for (boolean originalNames : new boolean[] {false, true}) {
      Map<String, String> network = originalNames ? original.network() : identity(original.network());
      Map<String, String> training = originalNames ? original.training() : identity(original.training());
      try {
        CheckpointStore.restoreRenamed(graph, session, prefix, network);
      } catch (DeepMetricException e) {
        originalFailure = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        continue;
      }
      if (!training.isEmpty()) {
        try {
          CheckpointStore.restoreRenamed(graph, session, prefix, training);
        } catch (DeepMetricException e) {
          note.accept(prefix + " holds the network only: the optimizer starts afresh at step 0");
        }
      }
      if (originalNames) {
        note.accept("restored " + prefix + " under the variable names of "
            + (program == OriginalNames.Program.LENET_SEED ? "the LeNet seed" : "cosine_metric_learning"));
        if (graph.operation("global_step") != null && !training.containsKey("global_step")) {
          note.accept("the LeNet seed's checkpoints keep no step count: steps are counted from 0");
        }
      }
      return;
    }
    throw new DeepMetricException(ours.getMessage() + "; nor under the original's names: " + originalFailure, ours);
  }

  /** Saves the network's variables of {@code graph} under the original program's names. */
  public static void saveNetworkAsOriginal(Graph graph, Session session, Path prefix, OriginalNames.Program program) {
    CheckpointStore.saveRenamed(graph, session, prefix, OriginalNames.of(graph, program).network(), Map.of());
  }

  private static Map<String, String> identity(Map<String, String> names) {
    Map<String, String> same = new LinkedHashMap<>();
    names.keySet().forEach(name -> same.put(name, name));
    return same;
  }
}
