package org.deepmetric.export;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * Freezes a graph for deployment: keeps only the nodes the named outputs depend on and replaces
 * every variable with a {@code Const} holding its current value in the session, as TensorFlow's
 * {@code convert_variables_to_constants} does.
 */
public final class GraphFreezer {
  private static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable");

  private GraphFreezer() {}

  public static GraphDef freeze(Graph graph, Session session, List<String> outputs) {
    GraphDef full = graph.toGraphDef();
    Map<String, NodeDef> byName = new HashMap<>();
    full.getNodeList().forEach(node -> byName.put(node.getName(), node));
    Set<String> needed = dependencies(byName, outputs);

    GraphDef.Builder frozen = GraphDef.newBuilder().setVersions(full.getVersions());
    for (NodeDef node : full.getNodeList()) {
      if (!needed.contains(node.getName())) {
        continue;
      }
      NodeDef kept = VARIABLE_OPS.contains(node.getOp()) ? constantOf(node, session) : node;
      frozen.addNode(kept.toBuilder().clearDevice());
    }
    return frozen.build();
  }

  /** {@code graph} without the nodes that none of {@code outputs} depends on. */
  public static GraphDef prune(GraphDef graph, List<String> outputs) {
    Map<String, NodeDef> byName = new HashMap<>();
    graph.getNodeList().forEach(node -> byName.put(node.getName(), node));
    Set<String> needed = dependencies(byName, outputs);
    GraphDef.Builder pruned = GraphDef.newBuilder().setVersions(graph.getVersions());
    graph.getNodeList().stream().filter(n -> needed.contains(n.getName())).forEach(pruned::addNode);
    return pruned.build();
  }

  private static Set<String> dependencies(Map<String, NodeDef> byName, List<String> outputs) {
    Set<String> needed = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    for (String output : outputs) {
      if (!byName.containsKey(output)) {
        throw new IllegalArgumentException("graph has no node '" + output + "'");
      }
      pending.push(output);
    }
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (!needed.add(name)) {
        continue;
      }
      for (String input : byName.get(name).getInputList()) {
        pending.push(nodeName(input));
      }
    }
    return needed;
  }

  /** "^ctrl" and "node:1" both name the node "node"/"ctrl". */
  static String nodeName(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  private static NodeDef constantOf(NodeDef variable, Session session) {
    try (Result result = session.runner().fetch(variable.getName()).run()) {
      if (!(result.get(0) instanceof TFloat32 value)) {
        throw new IllegalArgumentException("variable " + variable.getName() + " is not float32");
      }
      float[] values = new float[(int) value.shape().size()];
      value.copyTo(DataBuffers.of(values, false, false));
      return constantNode(variable.getName(), values, value.shape().asArray());
    }
  }

  /** A float32 Const node holding {@code values} of {@code shape}, little-endian as TensorFlow stores them. */
  static NodeDef constantNode(String name, float[] values, long[] shape) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(dims)
        .setTensorContent(ByteString.copyFrom(bytes.array())).build();
    return NodeDef.newBuilder().setName(name).setOp("Const")
        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
        .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()).build();
  }
}
