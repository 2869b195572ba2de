package org.deepmetric.export;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Folds inference batch norm into the convolution before it, in a frozen graph: where a float32
 * Conv2D feeds only a FusedBatchNormV3 (is_training false), with scale g, offset b, moving mean m
 * and variance v, the kernel's output channel c is multiplied by s = g / sqrt(v + eps) and the
 * batch norm becomes a BiasAdd of b - m s under the batch norm's own name, so oneDNN runs
 * convolution and bias as one primitive. Batch norms after other ops (the residual blocks'
 * pre-activations, the dense layer's) stay as they are. The training checkpoint is not touched.
 */
public final class BatchNormFolding {
  private BatchNormFolding() {}

  /** The folded graph and how many batch norms it folded. */
  public record Result(GraphDef graph, int folded) {}

  public static Result fold(GraphDef graph, List<String> outputs) {
    Map<String, NodeDef> byName = new HashMap<>();
    Map<String, Integer> consumers = new HashMap<>();
    for (NodeDef node : graph.getNodeList()) {
      byName.put(node.getName(), node);
      for (String input : node.getInputList()) {
        consumers.merge(GraphFreezer.nodeName(input), 1, Integer::sum);
      }
    }
    Map<String, NodeDef> replaced = new HashMap<>();
    List<NodeDef> added = new ArrayList<>();
    int folded = 0;
    for (NodeDef norm : graph.getNodeList()) {
      NodeDef conv = foldableConvolution(norm, byName, consumers);
      Optional<float[][]> weightsAndBias = conv == null ? Optional.empty() : foldedValues(byName, conv, norm);
      if (weightsAndBias.isEmpty()) {
        continue;
      }
      float[] bias = weightsAndBias.get()[1];
      String weightsName = conv.getName() + "/folded_weights";
      String biasName = norm.getName() + "/folded_bias";
      added.add(GraphFreezer.constantNode(weightsName, weightsAndBias.get()[0], shape(byName, conv.getInput(1))));
      added.add(GraphFreezer.constantNode(biasName, bias, new long[] {bias.length}));
      replaced.put(conv.getName(), conv.toBuilder().setInput(1, weightsName).build());
      replaced.put(norm.getName(), NodeDef.newBuilder().setName(norm.getName()).setOp("BiasAdd")
          .addInput(conv.getName()).addInput(biasName)
          .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
          .putAttr("data_format", AttrValue.newBuilder().setS(ByteString.copyFromUtf8("NHWC")).build())
          .build());
      folded++;
    }
    GraphDef.Builder out = GraphDef.newBuilder().setVersions(graph.getVersions());
    graph.getNodeList().forEach(node -> out.addNode(replaced.getOrDefault(node.getName(), node)));
    added.forEach(out::addNode);
    return new Result(GraphFreezer.prune(out.build(), outputs), folded);
  }

  /** The float32 Conv2D that feeds only {@code norm}, an inference FusedBatchNormV3; null when there is none. */
  private static NodeDef foldableConvolution(NodeDef norm, Map<String, NodeDef> byName,
      Map<String, Integer> consumers) {
    if (!norm.getOp().equals("FusedBatchNormV3") || norm.getAttrOrDefault("is_training",
        AttrValue.newBuilder().setB(true).build()).getB()) {
      return null;
    }
    NodeDef conv = byName.get(GraphFreezer.nodeName(norm.getInput(0)));
    if (conv == null || !conv.getOp().equals("Conv2D") || conv.getAttrOrThrow("T").getType() != DataType.DT_FLOAT
        || consumers.getOrDefault(conv.getName(), 0) != 1 || !norm.getInput(0).equals(conv.getName())) {
      return null;
    }
    return conv;
  }

  /**
   * The folded kernel (each output channel c times s = g / sqrt(v + eps)) and bias (b - m s), or
   * empty when a value is not a constant of the frozen graph.
   */
  private static Optional<float[][]> foldedValues(Map<String, NodeDef> byName, NodeDef conv, NodeDef norm) {
    Optional<float[]> kernel = constant(byName, conv.getInput(1));
    Optional<float[]> scale = constant(byName, norm.getInput(1));
    Optional<float[]> offset = constant(byName, norm.getInput(2));
    Optional<float[]> mean = constant(byName, norm.getInput(3));
    Optional<float[]> variance = constant(byName, norm.getInput(4));
    if (kernel.isEmpty() || scale.isEmpty() || offset.isEmpty() || mean.isEmpty() || variance.isEmpty()) {
      return Optional.empty();
    }
    float epsilon = norm.getAttrOrThrow("epsilon").getF();
    int channels = offset.get().length;
    float[] s = new float[channels];
    float[] bias = new float[channels];
    for (int c = 0; c < channels; c++) {
      float g = scale.get().length == 1 ? scale.get()[0] : scale.get()[c];
      s[c] = (float) (g / Math.sqrt(variance.get()[c] + epsilon));
      bias[c] = offset.get()[c] - mean.get()[c] * s[c];
    }
    float[] weights = kernel.get().clone();
    for (int i = 0; i < weights.length; i++) {
      weights[i] *= s[i % channels];
    }
    return Optional.of(new float[][] {weights, bias});
  }

  /** The float values of a Const, seen through Identity reads or a Fill of a constant; empty otherwise. */
  private static Optional<float[]> constant(Map<String, NodeDef> byName, String input) {
    NodeDef node = byName.get(GraphFreezer.nodeName(input));
    while (node != null && node.getOp().equals("Identity")) {
      node = byName.get(GraphFreezer.nodeName(node.getInput(0)));
    }
    if (node == null) {
      return Optional.empty();
    }
    if (node.getOp().equals("Fill")) {
      Optional<float[]> value = constant(byName, node.getInput(1));
      return value.filter(v -> v.length == 1);
    }
    if (!node.getOp().equals("Const") || node.getAttrOrThrow("dtype").getType() != DataType.DT_FLOAT) {
      return Optional.empty();
    }
    TensorProto tensor = node.getAttrOrThrow("value").getTensor();
    if (!tensor.getTensorContent().isEmpty()) {
      ByteBuffer bytes = tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / 4];
      bytes.asFloatBuffer().get(values);
      return Optional.of(values);
    }
    float[] values = new float[tensor.getFloatValCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = tensor.getFloatVal(i);
    }
    return Optional.of(values);
  }

  private static long[] shape(Map<String, NodeDef> byName, String input) {
    NodeDef node = byName.get(GraphFreezer.nodeName(input));
    while (node.getOp().equals("Identity")) {
      node = byName.get(GraphFreezer.nodeName(node.getInput(0)));
    }
    return node.getAttrOrThrow("value").getTensor().getTensorShape().getDimList().stream()
        .mapToLong(TensorShapeProto.Dim::getSize).toArray();
  }
}
