package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepmetric.DeepMetricException;

/**
 * A float32 ONNX model rewritten in ONNX's QDQ form, the int8 form ONNX Runtime fuses into its
 * integer kernels (QLinearConv, QLinearMatMul, QGemm): around every Conv, MatMul and Gemm, the
 * activation going in and the one coming out pass through QuantizeLinear/DequantizeLinear as
 * uint8 per tensor (asymmetric, from calibrated ranges); weights are stored as int8, symmetric,
 * one scale per output channel; biases as int32 at the scale input x weight. Everything between
 * (ELU, pooling, additions, normalisation) stays float32. Batch norms must already be folded into
 * the weights, as deepmetric's ONNX export does.
 */
public final class QdqQuantization {
  private static final Set<String> QUANTIZED_OPS = Set.of("Conv", "MatMul", "Gemm");
  private static final int WEIGHT_LIMIT = 127;
  /** The metadata property that marks a quantized model, and says how, for the tools that load it. */
  public static final String PROPERTY = "quantization";

  private QdqQuantization() {}

  /** The float tensors whose ranges {@link #quantize} needs: each quantized node's input and output. */
  public static List<String> activations(OnnxMl.ModelProto model) {
    Set<String> names = new LinkedHashSet<>();
    for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
      if (QUANTIZED_OPS.contains(node.getOpType())) {
        names.add(node.getInput(0));
        names.add(node.getOutput(0));
      }
    }
    return List.copyOf(names);
  }

  /** The QDQ model of {@code model} with activation {@code ranges} (one for each of {@link #activations}). */
  public static OnnxMl.ModelProto quantize(OnnxMl.ModelProto model, Map<String, ActivationRanges.Range> ranges) {
    OnnxMl.GraphProto graph = model.getGraph();
    Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    OnnxMl.GraphProto.Builder out = graph.toBuilder().clearNode();
    Set<String> replaced = new HashSet<>();
    Map<String, float[]> weightScales = new HashMap<>();
    Set<String> quantizedActivations = new HashSet<>();
    for (OnnxMl.NodeProto node : graph.getNodeList()) {
      if (!QUANTIZED_OPS.contains(node.getOpType())) {
        out.addNode(node);
        continue;
      }
      OnnxMl.NodeProto.Builder rewritten = node.toBuilder();
      String x = node.getInput(0);
      ActivationRanges.Range inRange = range(ranges, x);
      String xq = x + "_dequantized";
      if (quantizedActivations.add(x)) {
        addQdq(out, x, xq, inRange);
      }
      rewritten.setInput(0, xq);

      OnnxMl.TensorProto w = initializer(initializers, node, 1);
      int axis = weightAxis(node);
      long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
      // A weight several nodes share (OSNet's channel gates) is quantized, stored and dequantized once.
      if (replaced.add(w.getName())) {
        float[] weights = OnnxGraph.floatValues(w);
        float[] scales = perChannelScales(weights, dims, axis);
        weightScales.put(w.getName(), scales);
        out.addInitializer(OnnxGraph.tensor(w.getName() + "_int8", OnnxMl.TensorProto.DataType.INT8,
            quantizeWeights(weights, dims, axis, scales), dims));
        out.addInitializer(OnnxGraph.floatTensor(w.getName() + "_scale", scales, scales.length));
        out.addInitializer(OnnxGraph.tensor(w.getName() + "_zero", OnnxMl.TensorProto.DataType.INT8,
            new byte[scales.length], scales.length));
        out.addNode(dequantize(w.getName() + "_int8", w.getName() + "_scale", w.getName() + "_zero",
            w.getName() + "_dequantized", axis));
      }
      rewritten.setInput(1, w.getName() + "_dequantized");
      float[] scales = weightScales.get(w.getName());

      if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
        OnnxMl.TensorProto b = initializer(initializers, node, 2);
        float inputScale = scale(inRange);
        float[] bias = OnnxGraph.floatValues(b);
        if (bias.length != scales.length) {
          throw new DeepMetricException(node.getName() + ": bias of " + bias.length + " values for " + scales.length
              + " output channels; int8 export handles one bias per channel");
        }
        float[] biasScales = new float[bias.length];
        ByteBuffer q = ByteBuffer.allocate(bias.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < bias.length; c++) {
          biasScales[c] = inputScale * scales[c];
          q.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.rint(bias[c] / biasScales[c]))));
        }
        // The bias's scale is the input's times the weight's, so a shared bias gets one copy per use.
        String name = b.getName() + "_for_" + node.getOutput(0);
        out.addInitializer(OnnxGraph.tensor(name + "_int32", OnnxMl.TensorProto.DataType.INT32, q.array(),
            bias.length));
        out.addInitializer(OnnxGraph.floatTensor(name + "_scale", biasScales, bias.length));
        out.addInitializer(OnnxGraph.tensor(name + "_zero", OnnxMl.TensorProto.DataType.INT32,
            new byte[bias.length * 4], bias.length));
        out.addNode(dequantize(name + "_int32", name + "_scale", name + "_zero", name + "_dequantized", 0));
        rewritten.setInput(2, name + "_dequantized");
        replaced.add(b.getName());
      }

      String y = node.getOutput(0);
      rewritten.setOutput(0, y + "_float");
      out.addNode(rewritten);
      addQdq(out, y + "_float", y, range(ranges, y));
    }
    removeInitializers(out, replaced);
    return model.toBuilder().setGraph(out).addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
        .setKey(PROPERTY).setValue("int8 QDQ")).build();
  }

  /** A value's uint8 step: the range over 255 levels. */
  static float scale(ActivationRanges.Range range) {
    float s = (range.max() - range.min()) / 255f;
    return s > 0 ? s : 1f;
  }

  /** The uint8 code of 0.0 in {@code range}. */
  static int zeroPoint(ActivationRanges.Range range) {
    return (int) Math.max(0, Math.min(255, Math.rint(-range.min() / scale(range))));
  }

  private static void addQdq(OnnxMl.GraphProto.Builder out, String input, String output, ActivationRanges.Range range) {
    String base = output + "_q";
    out.addInitializer(OnnxGraph.floatTensor(base + "_scale", new float[] {scale(range)}));
    out.addInitializer(OnnxGraph.tensor(base + "_zero", OnnxMl.TensorProto.DataType.UINT8,
        new byte[] {(byte) zeroPoint(range)}));
    out.addNode(OnnxMl.NodeProto.newBuilder().setOpType("QuantizeLinear").setName(base + "_quantize")
        .addInput(input).addInput(base + "_scale").addInput(base + "_zero").addOutput(base + "_uint8"));
    out.addNode(dequantize(base + "_uint8", base + "_scale", base + "_zero", output, -1));
  }

  private static OnnxMl.NodeProto dequantize(String input, String scale, String zero, String output, int axis) {
    OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType("DequantizeLinear")
        .setName(output + "_dequantize").addInput(input).addInput(scale).addInput(zero).addOutput(output);
    if (axis >= 0) {
      node.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis")
          .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(axis));
    }
    return node.build();
  }

  /** The axis of a weight's output channels: O of Conv's OIHW, N of MatMul's and Gemm's [K,N] (or [N,K] with transB). */
  private static int weightAxis(OnnxMl.NodeProto node) {
    return switch (node.getOpType()) {
      case "Conv" -> 0;
      case "Gemm" -> node.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB") && a.getI() == 1)
          ? 0 : 1;
      default -> 1;
    };
  }

  /** max |w| / 127 per output channel; a channel of zeros gets 1 so that it dequantizes to zeros. */
  static float[] perChannelScales(float[] w, long[] dims, int axis) {
    int channels = (int) dims[axis];
    int inner = innerSize(dims, axis);
    float[] scales = new float[channels];
    for (int i = 0; i < w.length; i++) {
      int c = (i / inner) % channels;
      scales[c] = Math.max(scales[c], Math.abs(w[i]));
    }
    for (int c = 0; c < channels; c++) {
      scales[c] = scales[c] > 0 ? scales[c] / WEIGHT_LIMIT : 1f;
    }
    return scales;
  }

  private static byte[] quantizeWeights(float[] w, long[] dims, int axis, float[] scales) {
    int inner = innerSize(dims, axis);
    byte[] q = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      int c = (i / inner) % scales.length;
      q[i] = (byte) Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, Math.rint(w[i] / scales[c])));
    }
    return q;
  }

  private static int innerSize(long[] dims, int axis) {
    int inner = 1;
    for (int d = axis + 1; d < dims.length; d++) {
      inner *= (int) dims[d];
    }
    return inner;
  }

  private static ActivationRanges.Range range(Map<String, ActivationRanges.Range> ranges, String tensor) {
    ActivationRanges.Range r = ranges.get(tensor);
    if (r == null) {
      throw new IllegalArgumentException("no calibrated range for " + tensor);
    }
    return r;
  }

  private static OnnxMl.TensorProto initializer(Map<String, OnnxMl.TensorProto> initializers, OnnxMl.NodeProto node,
      int input) {
    OnnxMl.TensorProto t = initializers.get(node.getInput(input));
    if (t == null || t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
      throw new DeepMetricException(node.getName() + ": input " + node.getInput(input)
          + " is not a float32 constant; int8 export quantizes constant weights only");
    }
    return t;
  }

  /** Drops the float weights now stored as integers, unless a node outside the quantized ones still reads them. */
  private static void removeInitializers(OnnxMl.GraphProto.Builder out, Set<String> replaced) {
    Set<String> stillRead = new HashSet<>();
    for (OnnxMl.NodeProto node : out.getNodeList()) {
      stillRead.addAll(node.getInputList());
    }
    List<OnnxMl.TensorProto> kept = new ArrayList<>();
    for (OnnxMl.TensorProto t : out.getInitializerList()) {
      if (!replaced.contains(t.getName()) || stillRead.contains(t.getName())) {
        kept.add(t);
      }
    }
    out.clearInitializer().addAllInitializer(kept);
  }
}
