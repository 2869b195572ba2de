package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A small builder of ONNX graphs over the ONNX protobuf classes: named float and int64
 * initializers, nodes with attributes, unique output names.
 */
public final class OnnxGraph {
  private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
  private int counter;
  private final Set<String> initializers = new HashSet<>();

  public OnnxGraph(String name) {
    graph.setName(name);
  }

  public OnnxMl.GraphProto.Builder proto() {
    return graph;
  }

  /**
   * A float32 initializer of {@code shape}; returns its name. A name given again is the same weight
   * read by another node (OSNet's shared gates) and is stored once.
   */
  public String floats(String name, float[] values, long... shape) {
    if (initializers.add(name)) {
      graph.addInitializer(floatTensor(name, values, shape));
    }
    return name;
  }

  /** A float32 tensor of {@code shape}. */
  public static OnnxMl.TensorProto floatTensor(String name, float[] values, long... shape) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return tensor(name, OnnxMl.TensorProto.DataType.FLOAT, bytes.array(), shape);
  }

  /** A tensor of {@code type} whose little-endian values are {@code raw}. */
  /** The values of a float32 tensor, stored as float_data or as raw little-endian bytes. */
  public static float[] floatValues(OnnxMl.TensorProto t) {
    if (t.getFloatDataCount() > 0) {
      float[] values = new float[t.getFloatDataCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = t.getFloatData(i);
      }
      return values;
    }
    float[] values = new float[t.getRawData().size() / 4];
    t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }

  public static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, byte[] raw, long... shape) {
    OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
        .setRawData(ByteString.copyFrom(raw));
    for (long d : shape) {
      tensor.addDims(d);
    }
    return tensor.build();
  }

  /** An int64 initializer (shapes, axes); returns its name. */
  public String longs(String name, long... values) {
    OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
    for (long v : values) {
      tensor.addInt64Data(v);
    }
    graph.addInitializer(tensor);
    return name;
  }

  /** Adds a node; attributes are int, long, float, long[] or String values. Returns its output. */
  public String node(String op, Map<String, Object> attributes, String... inputs) {
    String output = op.toLowerCase() + "_" + (counter++);
    return node(op, output, attributes, inputs);
  }

  /** Adds a node with a given output name (the graph's outputs). */
  public String node(String op, String output, Map<String, Object> attributes, String... inputs) {
    OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_node")
        .addOutput(output);
    for (String input : inputs) {
      node.addInput(input);
    }
    attributes.forEach((name, value) -> node.addAttribute(attribute(name, value)));
    graph.addNode(node);
    return output;
  }

  private static OnnxMl.AttributeProto attribute(String name, Object value) {
    OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
    if (value instanceof Integer i) {
      a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(i);
    } else if (value instanceof Long l) {
      a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(l);
    } else if (value instanceof Float f) {
      a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(f);
    } else if (value instanceof long[] ls) {
      a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
      for (long l : ls) {
        a.addInts(l);
      }
    } else if (value instanceof String s) {
      a.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
    } else {
      throw new IllegalArgumentException("attribute " + name + ": " + value);
    }
    return a.build();
  }

  /** A graph input or output of {@code type} and shape, -1 standing for a dynamic "batch" dimension. */
  public static OnnxMl.ValueInfoProto value(String name, OnnxMl.TensorProto.DataType type, long... shape) {
    OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
          : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(dims))).build();
  }

  /** TensorFlow's SAME padding along one axis: [before, after], the odd pixel after. */
  static long[] samePadding(long size, int kernel, int stride) {
    long out = (size + stride - 1) / stride;
    long total = Math.max((out - 1) * stride + kernel - size, 0);
    return new long[] {total / 2, total - total / 2};
  }
}
