package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.BatchNorm;

/**
 * OSNet as an ONNX model (opset 17), from an encoder's variables: every batch norm after a
 * convolution or the fc folded into its weights and a bias, the depthwise 3x3s as grouped
 * convolutions, each block's channel gate as global average pool, two 1x1 convolutions with
 * biases and a sigmoid, the BNNeck (where the run has one) as a BatchNormalization node, then the
 * L2 normalisation into {@code features} [N,512]. The padded layers carry PyTorch's symmetric pads.
 */
final class OsNetOnnx {
  private OsNetOnnx() {}

  static OnnxMl.ModelProto model(ReidEncoder encoder, OnnxExport.Layout layout, Map<String, String> metadata) {
    ImageShape shape = encoder.inputShape();
    OnnxExport.Weights weights = new OnnxExport.Weights(encoder.session());
    OnnxGraph g = new OnnxGraph("deepmetric_osnet");
    String x = layout == OnnxExport.Layout.DEEP_SORT ? OnnxExport.deepSortInput(g, shape)
        : OnnxExport.boxmotInput(g, shape);
    x = g.node("Sub", Map.of(), x, g.floats("imagenet_mean_in", Images.IMAGENET_MEAN, 1, 3, 1, 1));
    x = g.node("Div", Map.of(), x, g.floats("imagenet_std_in", Images.IMAGENET_STD, 1, 3, 1, 1));
    x = g.node("Relu", Map.of(), convBn(g, weights, x, "conv1", 2, 3, 1));
    x = g.node("MaxPool", Map.of("kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2},
        "pads", new long[] {1, 1, 1, 1}), x);
    for (String stage : new String[] {"conv2", "conv3", "conv4"}) {
      x = block(g, weights, x, stage + "/block1");
      x = block(g, weights, x, stage + "/block2");
      if (!stage.equals("conv4")) {
        x = g.node("Relu", Map.of(), convBn(g, weights, x, stage + "/transition", 1, 0, 1));
        x = g.node("AveragePool", Map.of("kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}), x);
      }
    }
    x = g.node("Relu", Map.of(), convBn(g, weights, x, "conv5", 1, 0, 1));
    x = g.node("Flatten", Map.of(), g.node("GlobalAveragePool", Map.of(), x));
    long[] dims = weights.shape("fc/dense/weights");
    float[][] fc = OnnxExport.foldBatchNorm(weights, "fc/bn", weights.get("fc/dense/weights"),
        weights.get("fc/dense/biases"), i -> i % (int) dims[1], true, BatchNorm.TORCH_EPSILON);
    x = g.node("Relu", Map.of(), g.node("Gemm", Map.of(), x, g.floats("fc_w", fc[0], dims),
        g.floats("fc_b", fc[1], dims[1])));
    if (encoder.bnNeck()) {
      float[] gamma = weights.get("bnneck/gamma");
      x = g.node("BatchNormalization", Map.of("epsilon", BatchNorm.TORCH_EPSILON), x,
          g.floats("bnneck_gamma", gamma, gamma.length), g.floats("bnneck_beta", new float[gamma.length], gamma.length),
          g.floats("bnneck_mean", weights.get("bnneck/moving_mean"), gamma.length),
          g.floats("bnneck_var", weights.get("bnneck/moving_variance"), gamma.length));
    }
    String squares = g.node("ReduceSumSquare", Map.of("axes", new long[] {1}, "keepdims", 1L), x);
    String norm = g.node("Sqrt", Map.of(), g.node("Max", Map.of(), squares, g.floats("tiny", new float[] {1e-12f})));
    g.node("Div", ReidEncoder.OUTPUT, Map.of(), x, norm);
    g.proto().addOutput(OnnxGraph.value(ReidEncoder.OUTPUT, OnnxMl.TensorProto.DataType.FLOAT, -1, dims[1]));
    Map<String, String> properties = new LinkedHashMap<>(metadata);
    properties.put("layout", layout.toString());
    properties.put("image_shape", shape.toString());
    properties.put("network", encoder.network().toString());
    return OnnxExport.model(g, properties);
  }

  /** One OS block: 1x1, four gated streams summed, 1x1, the shortcut added, ReLU. */
  private static String block(OnnxGraph g, OnnxExport.Weights weights, String input, String scope) {
    String x = g.node("Relu", Map.of(), convBn(g, weights, input, scope + "/conv1", 1, 0, 1));
    long mid = weights.shape(scope + "/conv1/conv/weights")[3];
    String sum = null;
    for (int depth = 1; depth <= 4; depth++) {
      String y = x;
      for (int i = 1; i <= depth; i++) {
        String lite = scope + "/stream" + depth + "/lite" + i;
        y = conv(g, weights, y, lite + "/conv1x1/weights", null, 1, 0, 1);
        y = g.node("Relu", Map.of(), convBn(g, weights, y, lite, "/depthwise/weights", 1, 1, (int) mid));
      }
      String gated = gate(g, weights, y, scope + "/gate");
      sum = sum == null ? gated : g.node("Add", Map.of(), sum, gated);
    }
    String y = convBn(g, weights, sum, scope + "/conv3", 1, 0, 1);
    String shortcut = weights.has(scope + "/downsample/conv/weights")
        ? convBn(g, weights, input, scope + "/downsample", 1, 0, 1) : input;
    return g.node("Relu", Map.of(), g.node("Add", Map.of(), y, shortcut));
  }

  private static String gate(OnnxGraph g, OnnxExport.Weights weights, String x, String scope) {
    String pooled = g.node("GlobalAveragePool", Map.of(), x);
    String h = g.node("Relu", Map.of(), conv(g, weights, pooled, scope + "/fc1/weights", scope + "/fc1/biases", 1, 0,
        1));
    String gate = g.node("Sigmoid", Map.of(), conv(g, weights, h, scope + "/fc2/weights", scope + "/fc2/biases", 1, 0,
        1));
    return g.node("Mul", Map.of(), x, gate);
  }

  /** {@code scope}'s conv/weights with the batch norm {@code scope}/bn folded in. */
  private static String convBn(OnnxGraph g, OnnxExport.Weights weights, String x, String scope, int stride, int pad,
      int groups) {
    return convBn(g, weights, x, scope, "/conv/weights", stride, pad, groups);
  }

  private static String convBn(OnnxGraph g, OnnxExport.Weights weights, String x, String scope, String kernel,
      int stride, int pad, int groups) {
    long[] hwio = weights.shape(scope + kernel);
    float[] oihw = OnnxExport.toOihw(weights.get(scope + kernel), hwio);
    long out = groups > 1 ? hwio[2] : hwio[3];
    int perOutput = oihw.length / (int) out;
    float[][] folded = OnnxExport.foldBatchNorm(weights, scope + "/bn", oihw, null, i -> i / perOutput, true,
        BatchNorm.TORCH_EPSILON);
    String name = (scope + kernel).replace('/', '_');
    return g.node("Conv", attributes(hwio, stride, pad, groups), x, g.floats(name, folded[0], kernelShape(hwio, groups)),
        g.floats(name + "_b", folded[1], out));
  }

  /** A convolution of the weights {@code kernel} as trained, with the bias {@code bias} (null: none). */
  private static String conv(OnnxGraph g, OnnxExport.Weights weights, String x, String kernel, String bias, int stride,
      int pad, int groups) {
    long[] hwio = weights.shape(kernel);
    String name = kernel.replace('/', '_');
    String w = g.floats(name, OnnxExport.toOihw(weights.get(kernel), hwio), kernelShape(hwio, groups));
    return bias == null ? g.node("Conv", attributes(hwio, stride, pad, groups), x, w)
        : g.node("Conv", attributes(hwio, stride, pad, groups), x, w, g.floats(bias.replace('/', '_'),
            weights.get(bias), hwio[3]));
  }

  /** ONNX's OIHW shape; a depthwise kernel [k,k,C,1] becomes [C,1,k,k] (its values in the same order). */
  private static long[] kernelShape(long[] hwio, int groups) {
    return groups > 1 ? new long[] {hwio[2], 1, hwio[0], hwio[1]} : new long[] {hwio[3], hwio[2], hwio[0], hwio[1]};
  }

  private static Map<String, Object> attributes(long[] hwio, int stride, int pad, int groups) {
    return Map.of("kernel_shape", new long[] {hwio[0], hwio[1]}, "strides", new long[] {stride, stride},
        "pads", new long[] {pad, pad, pad, pad}, "group", (long) groups);
  }
}
