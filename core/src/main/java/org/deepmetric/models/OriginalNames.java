package org.deepmetric.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.deepmetric.nn.Adam;

/**
 * The names the original programs give the same variables, so that their checkpoints restore
 * here and deepmetric's can go back into them.
 *
 * <p>cosine_metric_learning builds the network with TF-slim: {@code slim.conv2d(scope=S)} names
 * its kernel {@code S/weights} and bias {@code S/biases}; its batch norm, made inside that scope
 * with the scope name {@code S/bn}, nests to {@code S/S/bn/beta}, {@code .../moving_mean},
 * {@code .../moving_variance} (centre only, no gamma); a residual block's pre-activation batch norm
 * is made outside any scope as {@code conv2_3/bn}; the dense layer is {@code fc1/weights} with
 * {@code fc1/fc1/bn/...}; the classifier is {@code ball/mean_vectors} and {@code ball/scale}.
 * The LeNet seed names {@code layer_1/weights}, {@code layer_1/bias}, {@code layer_2/...},
 * {@code fc_1/weight}, {@code fc_1/bias} to {@code fc_3/...}. TensorFlow 1's Adam keeps each slot
 * as {@code VAR/Adam} and {@code VAR/Adam_1} and the bias-correction powers as
 * {@code beta1_power} and {@code beta2_power}, which deepmetric computes from its global step.
 */
public final class OriginalNames {
  /** The program whose names to use. */
  public enum Program { COSINE_METRIC_LEARNING, LENET_SEED }

  /** The original's names of a graph's variables: the network's, and the optimizer's and step's. */
  public record Mapping(Map<String, String> network, Map<String, String> training) {
    public Map<String, String> all() {
      Map<String, String> all = new LinkedHashMap<>(network);
      all.putAll(training);
      return all;
    }
  }

  private static final Pattern ADAM_SLOT = Pattern.compile("Adam/(.+)/([mv])");

  private OriginalNames() {}

  /** Every variable of {@code graph} that {@code program} also has, with its name there. */
  public static Mapping of(Graph graph, Program program) {
    Map<String, String> network = new LinkedHashMap<>();
    Map<String, String> slots = new LinkedHashMap<>();
    Map<String, String> byFlatName = new LinkedHashMap<>();
    graph.operations().forEachRemaining(op -> {
      if (op.type().equals("VariableV2") && !op.name().startsWith("Adam/") && !op.name().equals("global_step")) {
        network(op.name(), program).ifPresent(original -> {
          network.put(op.name(), original);
          byFlatName.put(op.name().replace('/', '_'), original);
        });
      }
    });
    Map<String, String> training = new LinkedHashMap<>();
    graph.operations().forEachRemaining(op -> {
      Matcher slot = ADAM_SLOT.matcher(op.name());
      if (op.type().equals("VariableV2") && slot.matches() && byFlatName.containsKey(slot.group(1))) {
        training.put(op.name(), byFlatName.get(slot.group(1)) + (slot.group(2).equals("m") ? "/Adam" : "/Adam_1"));
      }
    });
    if (program == Program.COSINE_METRIC_LEARNING && graph.operation("global_step") != null) {
      training.put("global_step", "global_step");
    }
    return new Mapping(network, training);
  }

  /** TensorFlow 1 Adam's {@code beta1_power} and {@code beta2_power} after {@code step} steps. */
  public static Map<String, Float> adamPowers(long step) {
    Map<String, Float> powers = new LinkedHashMap<>();
    powers.put("beta1_power", (float) Math.pow(Adam.BETA1, step + 1));
    powers.put("beta2_power", (float) Math.pow(Adam.BETA2, step + 1));
    return powers;
  }

  static Optional<String> network(String name, Program program) {
    return program == Program.LENET_SEED ? lenetSeed(name) : cosineMetricLearning(name);
  }

  private static Optional<String> cosineMetricLearning(String name) {
    Matcher m;
    if ((m = Pattern.compile("(.+)/conv/(weights|biases)").matcher(name)).matches()) {
      return Optional.of(m.group(1) + "/" + m.group(2));
    }
    if (name.equals("fc1/dense/weights")) {
      return Optional.of("fc1/weights");
    }
    if ((m = Pattern.compile("(.+)/bn/(beta|moving_mean|moving_variance)").matcher(name)).matches()) {
      return Optional.of(m.group(1) + "/" + m.group(1) + "/bn/" + m.group(2));
    }
    if ((m = Pattern.compile("(conv\\d_\\d)/preact/(beta|moving_mean|moving_variance)").matcher(name)).matches()) {
      return Optional.of(m.group(1) + "/bn/" + m.group(2));
    }
    if (name.equals("ball/mean_vectors") || name.equals("ball/scale")) {
      return Optional.of(name);
    }
    return Optional.empty();
  }

  private static Optional<String> lenetSeed(String name) {
    Matcher m = Pattern.compile("(conv|fc)(\\d)/(weights|biases)").matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    boolean conv = m.group(1).equals("conv");
    boolean weights = m.group(3).equals("weights");
    return Optional.of((conv ? "layer_" : "fc_") + m.group(2) + "/" + (weights ? (conv ? "weights" : "weight") : "bias"));
  }
}
