package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.BatchNorm;

/**
 * The weights of an OSNet ONNX model (as torchreid or boxmot export it, or deepmetric's
 * {@code --mode=onnx}), mapped onto deepmetric's OSNet variables by the graph's structure, not by
 * names: from the input, the 7x7 stem, then each omni-scale block found by its data flow (the 1x1
 * that fans out to four streams, each stream's chain of 1x1 + depthwise 3x3 layers counted to tell
 * the streams apart, the gate's two biased 1x1s after a global pool, the 1x1 after the streams'
 * sum, the shortcut's 1x1), the transitions, conv5 and the fc. A batch norm is read from its
 * {@code BatchNormalization} node, or, where the exporter folded it into the convolution, stands
 * as scale 1, centre the bias, mean 0 and variance 1 - epsilon, which computes the same. Kernels go
 * from ONNX's OIHW to TensorFlow's HWIO. What the graph has besides (a classifier) is listed as
 * not mapped.
 */
public final class OsNetOnnxWeights {
  /** The network found, its values by deepmetric variable name, and the ONNX weights left over. */
  public record Mapped(ReidNetwork network, Map<String, float[]> values, List<String> notMapped) {}

  private final Path file;
  private final Map<String, OnnxMl.TensorProto> constants = new HashMap<>();
  private final Map<String, List<OnnxMl.NodeProto>> consumers = new HashMap<>();
  private final Map<String, float[]> values = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  private OsNetOnnxWeights(Path file, OnnxMl.GraphProto graph) {
    this.file = file;
    graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
    for (OnnxMl.NodeProto node : graph.getNodeList()) {
      if (node.getOpType().equals("Constant")) {
        node.getAttributeList().stream().filter(a -> a.getName().equals("value"))
            .forEach(a -> constants.put(node.getOutput(0), a.getT()));
      }
      for (String input : node.getInputList()) {
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
      }
    }
  }

  /** Reads {@code file}; one-line errors for a file that is not ONNX or a model that is not OSNet. */
  public static Mapped read(Path file) {
    OnnxMl.ModelProto model;
    try {
      model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read an ONNX model (" + e.getMessage() + ")", e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw new DeepMetricException(file + ": not an ONNX model (no graph)");
    }
    return new OsNetOnnxWeights(file, model.getGraph()).map(model.getGraph());
  }

  private Mapped map(OnnxMl.GraphProto graph) {
    OnnxMl.NodeProto stem = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")
        && kernel(n) == 7).findFirst().orElseThrow(() -> notOsNet("no 7x7 stem convolution"));
    long stemChannels = dims(stem, 1)[0];
    ReidNetwork network = switch ((int) stemChannels) {
      case 16 -> ReidNetwork.OSNET_X0_25;
      case 32 -> ReidNetwork.OSNET_X0_5;
      case 48 -> ReidNetwork.OSNET_X0_75;
      case 64 -> ReidNetwork.OSNET_X1_0;
      default -> throw notOsNet("a stem of " + stemChannels + " channels, not 16, 32, 48 or 64");
    };
    String x = convBn(stem, "conv1/conv/weights", "conv1/bn");
    OnnxMl.NodeProto pool = only(x, "MaxPool", "the stem's max pool");
    x = pool.getOutput(0);
    for (String stage : new String[] {"conv2", "conv3", "conv4"}) {
      x = block(x, stage + "/block1");
      x = block(x, stage + "/block2");
      if (!stage.equals("conv4")) {
        OnnxMl.NodeProto transition = only(x, "Conv", stage + "'s transition");
        x = only(convBn(transition, stage + "/transition/conv/weights", stage + "/transition/bn"), "AveragePool",
            stage + "'s average pool").getOutput(0);
      }
    }
    String pooled = convBn(only(x, "Conv", "conv5"), "conv5/conv/weights", "conv5/bn");
    OnnxMl.NodeProto fc = following(pooled, "Gemm", "MatMul");
    if (fc == null) {
      throw notOsNet("no fc layer after conv5's pooling");
    }
    fc(fc);
    List<String> notMapped = new ArrayList<>();
    Set<String> layers = Set.of("Conv", "Gemm", "MatMul", "BatchNormalization");
    for (OnnxMl.NodeProto node : graph.getNodeList()) {
      if (!layers.contains(node.getOpType())) {
        continue;
      }
      for (String input : node.getInputList().subList(1, node.getInputCount())) {
        OnnxMl.TensorProto t = constants.get(input);
        if (t != null && !used.contains(input)) {
          notMapped.add(input + " " + t.getDimsList() + " (" + node.getOpType() + ")");
          used.add(input);
        }
      }
    }
    return new Mapped(network, values, notMapped);
  }

  /** One OS block from its input tensor; returns its output. */
  private String block(String input, String scope) {
    List<OnnxMl.NodeProto> convs = consumers(input).stream().filter(n -> n.getOpType().equals("Conv")).toList();
    OnnxMl.NodeProto conv1 = null;
    OnnxMl.NodeProto downsample = null;
    for (OnnxMl.NodeProto c : convs) {
      String out = afterBn(c.getOutput(0));
      if (consumers(out).stream().anyMatch(n -> n.getOpType().equals("Relu"))) {
        conv1 = c;
      } else {
        downsample = c;
      }
    }
    if (conv1 == null) {
      throw notOsNet(scope + ": no 1x1 convolution into the streams");
    }
    String mid = convBn(conv1, scope + "/conv1/conv/weights", scope + "/conv1/bn");
    List<OnnxMl.NodeProto> heads = consumers(mid).stream().filter(n -> n.getOpType().equals("Conv")).toList();
    if (heads.size() != 4) {
      throw notOsNet(scope + ": " + heads.size() + " streams, not 4");
    }
    String sumSource = null;
    boolean gated = false;
    for (OnnxMl.NodeProto head : heads) {
      List<OnnxMl.NodeProto[]> lites = new ArrayList<>();
      OnnxMl.NodeProto oneByOne = head;
      String y = mid;
      while (oneByOne != null) {
        OnnxMl.NodeProto depthwise = only(oneByOne.getOutput(0), "Conv", scope + "'s depthwise 3x3");
        lites.add(new OnnxMl.NodeProto[] {oneByOne, depthwise});
        y = relu(afterBn(depthwise.getOutput(0)));
        oneByOne = consumers(y).stream().filter(n -> n.getOpType().equals("Conv") && group(n) == 1).findFirst()
            .orElse(null);
      }
      String stream = scope + "/stream" + lites.size();
      if (values.containsKey(stream + "/lite1/conv1x1/weights") || lites.size() > 4) {
        throw notOsNet(scope + ": streams of depths other than 1, 2, 3 and 4");
      }
      for (int i = 0; i < lites.size(); i++) {
        String lite = stream + "/lite" + (i + 1);
        put(lite + "/conv1x1/weights", hwio(lites.get(i)[0]));
        convBn(lites.get(i)[1], lite + "/depthwise/weights", lite + "/bn");
      }
      OnnxMl.NodeProto gatePool = following(y, "GlobalAveragePool", "ReduceMean");
      if (gatePool == null) {
        throw notOsNet(scope + ": no channel gate after a stream");
      }
      OnnxMl.NodeProto fc1 = only(gatePool.getOutput(0), "Conv", scope + "'s gate");
      OnnxMl.NodeProto fc2 = only(relu(fc1.getOutput(0)), "Conv", scope + "'s gate");
      if (!gated) {
        put(scope + "/gate/fc1/weights", hwio(fc1));
        put(scope + "/gate/fc1/biases", tensor(fc1.getInput(2)));
        put(scope + "/gate/fc2/weights", hwio(fc2));
        put(scope + "/gate/fc2/biases", tensor(fc2.getInput(2)));
        gated = true;
      }
      OnnxMl.NodeProto mul = consumers(y).stream().filter(n -> n.getOpType().equals("Mul")).findFirst()
          .orElseThrow(() -> notOsNet(scope + ": a stream's gate is not applied"));
      sumSource = mul.getOutput(0);
    }
    String t = sumSource;
    OnnxMl.NodeProto conv3;
    while (true) {
      OnnxMl.NodeProto next = consumers(t).stream().findFirst().orElseThrow(() -> notOsNet(scope + ": no 1x1 after"
          + " the streams"));
      if (next.getOpType().equals("Conv")) {
        conv3 = next;
        break;
      }
      t = next.getOutput(0);
    }
    String y = convBn(conv3, scope + "/conv3/conv/weights", scope + "/conv3/bn");
    if (downsample != null) {
      convBn(downsample, scope + "/downsample/conv/weights", scope + "/downsample/bn");
    }
    OnnxMl.NodeProto add = only(y, "Add", scope + "'s residual addition");
    return relu(add.getOutput(0));
  }

  /** The fc (Gemm, or MatMul then Add) and its batch norm. */
  private void fc(OnnxMl.NodeProto fc) {
    float[] w = tensor(fc.getInput(1));
    long[] d = constants.get(fc.getInput(1)).getDimsList().stream().mapToLong(Long::longValue).toArray();
    boolean transposed = fc.getOpType().equals("Gemm") && fc.getAttributeList().stream()
        .anyMatch(a -> a.getName().equals("transB") && a.getI() == 1);
    long in = transposed ? d[1] : d[0];
    long out = transposed ? d[0] : d[1];
    float[] dense = new float[w.length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        dense[(int) (i * out + o)] = transposed ? w[(int) (o * in + i)] : w[(int) (i * out + o)];
      }
    }
    put("fc/dense/weights", dense);
    used.add(fc.getInput(1));
    String y = fc.getOutput(0);
    float[] bias = new float[(int) out];
    if (fc.getInputCount() > 2) {
      bias = tensor(fc.getInput(2));
    } else {
      OnnxMl.NodeProto add = consumers(y).stream().filter(n -> n.getOpType().equals("Add")).findFirst().orElse(null);
      if (add != null) {
        bias = tensor(add.getInput(0).equals(y) ? add.getInput(1) : add.getInput(0));
        y = add.getOutput(0);
      }
    }
    put("fc/dense/biases", bias);
    String features = relu(batchNorm(y, "fc/bn", new float[(int) out]));
    // deepmetric's own export ends in the BNNeck's batch norm, which has no learnt centre.
    OnnxMl.NodeProto neck = consumers(features).stream().filter(n -> n.getOpType().equals("BatchNormalization"))
        .findFirst().orElse(null);
    if (neck != null && isZero(tensor(neck.getInput(2)))) {
      float[] gamma = tensor(neck.getInput(1));
      put("bnneck/gamma", gamma);
      put("bnneck/moving_mean", tensor(neck.getInput(3)));
      float[] variance = tensor(neck.getInput(4));
      float epsilon = epsilon(neck);
      for (int c = 0; c < variance.length; c++) {
        variance[c] += epsilon - BatchNorm.TORCH_EPSILON;
      }
      put("bnneck/moving_variance", variance);
    }
  }

  private static boolean isZero(float[] values) {
    for (float v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  private static float epsilon(OnnxMl.NodeProto bn) {
    return bn.getAttributeList().stream().filter(a -> a.getName().equals("epsilon")).map(a -> a.getF()).findFirst()
        .orElse(1e-5f);
  }

  /** Maps a convolution and the batch norm after it (or folded into it); returns the tensor after both. */
  private String convBn(OnnxMl.NodeProto conv, String kernel, String bn) {
    put(kernel, hwio(conv));
    long out = dims(conv, 1)[0];
    float[] bias = conv.getInputCount() > 2 ? tensor(conv.getInput(2)) : new float[(int) out];
    return relu(batchNorm(conv.getOutput(0), bn, bias));
  }

  /** The batch norm reading {@code x}, mapped to {@code scope}; or a folded one from {@code bias}. Returns its output. */
  private String batchNorm(String x, String scope, float[] bias) {
    OnnxMl.NodeProto bn = consumers(x).stream().filter(n -> n.getOpType().equals("BatchNormalization")).findFirst()
        .orElse(null);
    if (bn == null) {
      float[] ones = new float[bias.length];
      float[] variance = new float[bias.length];
      java.util.Arrays.fill(ones, 1f);
      java.util.Arrays.fill(variance, 1f - BatchNorm.TORCH_EPSILON);
      put(scope + "/gamma", ones);
      put(scope + "/beta", bias);
      put(scope + "/moving_mean", new float[bias.length]);
      put(scope + "/moving_variance", variance);
      return x;
    }
    float epsilon = epsilon(bn);
    float[] gamma = tensor(bn.getInput(1));
    float[] beta = tensor(bn.getInput(2));
    float[] mean = tensor(bn.getInput(3));
    float[] variance = tensor(bn.getInput(4));
    for (int c = 0; c < gamma.length; c++) {
      // A conv bias before the norm shifts the mean; deepmetric's epsilon is PyTorch's default.
      mean[c] -= bias[c];
      variance[c] += epsilon - BatchNorm.TORCH_EPSILON;
    }
    put(scope + "/gamma", gamma);
    put(scope + "/beta", beta);
    put(scope + "/moving_mean", mean);
    put(scope + "/moving_variance", variance);
    return bn.getOutput(0);
  }

  private void put(String name, float[] v) {
    values.put(name, v);
  }

  /** The conv's kernel as TensorFlow's HWIO ([k,k,C,1] for a depthwise one). */
  private float[] hwio(OnnxMl.NodeProto conv) {
    float[] w = tensor(conv.getInput(1));
    used.add(conv.getInput(1));
    long[] d = dims(conv, 1);
    int o = (int) d[0];
    int i = (int) d[1];
    int h = (int) d[2];
    int k = (int) d[3];
    float[] out = new float[w.length];
    boolean depthwise = group(conv) > 1;
    for (int a = 0; a < o; a++) {
      for (int b = 0; b < i; b++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < k; x++) {
            float value = w[((a * i + b) * h + y) * k + x];
            out[depthwise ? (y * k + x) * o + a : ((y * k + x) * i + b) * o + a] = value;
          }
        }
      }
    }
    return out;
  }

  private float[] tensor(String name) {
    OnnxMl.TensorProto t = constants.get(name);
    if (t == null) {
      throw notOsNet(name + " is not a constant weight");
    }
    used.add(name);
    return OnnxGraph.floatValues(t);
  }

  private long[] dims(OnnxMl.NodeProto node, int input) {
    OnnxMl.TensorProto t = constants.get(node.getInput(input));
    if (t == null) {
      throw notOsNet(node.getOpType() + " " + node.getName() + " has no constant weights");
    }
    return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
  }

  private static long kernel(OnnxMl.NodeProto conv) {
    return conv.getAttributeList().stream().filter(a -> a.getName().equals("kernel_shape")).map(a -> a.getInts(0))
        .findFirst().orElse(-1L);
  }

  private static long group(OnnxMl.NodeProto conv) {
    return conv.getAttributeList().stream().filter(a -> a.getName().equals("group")).map(a -> a.getI())
        .findFirst().orElse(1L);
  }

  private List<OnnxMl.NodeProto> consumers(String tensor) {
    return consumers.getOrDefault(tensor, List.of());
  }

  /** {@code x} after the batch norm reading it, if one does. */
  private String afterBn(String x) {
    return consumers(x).stream().filter(n -> n.getOpType().equals("BatchNormalization")).findFirst()
        .map(n -> n.getOutput(0)).orElse(x);
  }

  /** {@code x} after the ReLU reading it, if one does. */
  private String relu(String x) {
    return consumers(x).stream().filter(n -> n.getOpType().equals("Relu")).findFirst().map(n -> n.getOutput(0))
        .orElse(x);
  }

  /** The one node of type {@code op} reading {@code x}. */
  private OnnxMl.NodeProto only(String x, String op, String what) {
    return consumers(x).stream().filter(n -> n.getOpType().equals(op)).findFirst()
        .orElseThrow(() -> notOsNet("no " + what + " (" + op + ") where OSNet has one"));
  }

  /** The first node of one of {@code ops} downstream of {@code x}, through shape and pooling nodes. */
  private OnnxMl.NodeProto following(String x, String... ops) {
    Set<String> wanted = Set.of(ops);
    String t = x;
    for (int hops = 0; hops < 6; hops++) {
      List<OnnxMl.NodeProto> next = consumers(t);
      for (OnnxMl.NodeProto n : next) {
        if (wanted.contains(n.getOpType())) {
          return n;
        }
      }
      if (next.isEmpty()) {
        return null;
      }
      t = next.get(0).getOutput(0);
    }
    return null;
  }

  private DeepMetricException notOsNet(String what) {
    return new DeepMetricException(file + ": not an OSNet model as torchreid defines it (" + what + "); --init_from"
        + " takes osnet_x0_25, x0_5, x0_75 or x1_0 in torchreid's or boxmot's ONNX layout");
  }
}
