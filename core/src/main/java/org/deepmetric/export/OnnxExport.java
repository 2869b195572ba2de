package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.deepmetric.data.Images;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.models.CosineMetricNet;
import org.deepmetric.models.LenetModel;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.BatchNorm;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * LeNet and the cosine re-ID network as ONNX models (opset 17), written from the trained variables
 * without Python ({@link OsNetOnnx} writes OSNet).
 * Convolutions are NCHW with kernels turned from TensorFlow's HWIO to OIHW; a batch norm that
 * follows a convolution or the dense layer is folded into its weights and a bias, the residual
 * pre-activations stay BatchNormalization nodes; TensorFlow's SAME padding is written as explicit,
 * possibly uneven pads; the flatten goes back to NHWC order first so fc1's weights apply as
 * trained. The batch dimension is dynamic.
 */
public final class OnnxExport {
  /** Who feeds the re-ID model, as {@code --onnx_layout} spells it. */
  public enum Layout {
    /** {@code images} uint8 [N,H,W,3] BGR, as the frozen graph and deep_sort. */
    DEEP_SORT("deep_sort"),
    /** {@code images} float32 [N,3,256,128] RGB normalised by ImageNet's mean and deviation, as boxmot feeds. */
    BOXMOT("boxmot");

    private final String flag;

    Layout(String flag) {
      this.flag = flag;
    }

    @Override
    public String toString() {
      return flag;
    }
  }

  /** The ONNX operator set the models use: ONNX Runtime 1.13 and later run it. */
  public static final int OPSET = 17;

  static final int BOXMOT_HEIGHT = 256;
  static final int BOXMOT_WIDTH = 128;

  private OnnxExport() {}

  /** The re-ID network of {@code encoder}'s weights; {@code metadata} goes into the model's properties. */
  public static OnnxMl.ModelProto reid(ReidEncoder encoder, Layout layout, Map<String, String> metadata) {
    if (encoder.network() != ReidNetwork.COSINE) {
      return OsNetOnnx.model(encoder, layout, metadata);
    }
    ImageShape shape = encoder.inputShape();
    Weights weights = new Weights(encoder.session());
    OnnxGraph g = new OnnxGraph("deepmetric_reid");
    String x = layout == Layout.DEEP_SORT ? deepSortInput(g, shape) : boxmotInput(g, shape);
    long[] hw = {shape.height(), shape.width()};
    x = convBnElu(g, weights, x, "conv1_1", 1, hw);
    x = convBnElu(g, weights, x, "conv1_2", 1, hw);
    long[] ph = OnnxGraph.samePadding(hw[0], 3, 2);
    long[] pw = OnnxGraph.samePadding(hw[1], 3, 2);
    x = g.node("MaxPool", Map.of("kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2},
        "pads", new long[] {ph[0], pw[0], ph[1], pw[1]}), x);
    hw = new long[] {(hw[0] + 1) / 2, (hw[1] + 1) / 2};
    x = residual(g, weights, x, "conv2_1", false, true, hw);
    x = residual(g, weights, x, "conv2_3", false, false, hw);
    x = residual(g, weights, x, "conv3_1", true, false, hw);
    hw = new long[] {(hw[0] + 1) / 2, (hw[1] + 1) / 2};
    x = residual(g, weights, x, "conv3_3", false, false, hw);
    x = residual(g, weights, x, "conv4_1", true, false, hw);
    hw = new long[] {(hw[0] + 1) / 2, (hw[1] + 1) / 2};
    x = residual(g, weights, x, "conv4_3", false, false, hw);
    normalisedFeatures(g, weights, x, hw);
    Map<String, String> properties = new LinkedHashMap<>(metadata);
    properties.put("layout", layout.toString());
    properties.put("image_shape", shape.toString());
    return model(g, properties);
  }

  /** deep_sort's input: uint8 BGR [N,H,W,3] to the network's float RGB in [0,1], NCHW. */
  static String deepSortInput(OnnxGraph g, ImageShape shape) {
    g.proto().addInput(OnnxGraph.value(ReidEncoder.INPUT, OnnxMl.TensorProto.DataType.UINT8, -1, shape.height(),
        shape.width(), 3));
    String x = g.node("Cast", Map.of("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()), ReidEncoder.INPUT);
    // BGR to RGB: the channel axis read backwards.
    x = g.node("Slice", Map.of(), x, g.longs("bgr_starts", -1), g.longs("bgr_ends", Long.MIN_VALUE),
        g.longs("bgr_axes", 3), g.longs("bgr_steps", -1));
    x = g.node("Div", Map.of(), x, g.floats("two_five_five", new float[] {255f}));
    return g.node("Transpose", Map.of("perm", new long[] {0, 3, 1, 2}), x);
  }

  /** boxmot's input: ImageNet-normalised float RGB [N,3,256,128], back to [0,1] and resized to the crop size. */
  static String boxmotInput(OnnxGraph g, ImageShape shape) {
    g.proto().addInput(OnnxGraph.value(ReidEncoder.INPUT, OnnxMl.TensorProto.DataType.FLOAT, -1, 3, BOXMOT_HEIGHT,
        BOXMOT_WIDTH));
    String x = g.node("Mul", Map.of(), ReidEncoder.INPUT, g.floats("imagenet_std", Images.IMAGENET_STD, 1, 3, 1, 1));
    x = g.node("Add", Map.of(), x, g.floats("imagenet_mean", Images.IMAGENET_MEAN, 1, 3, 1, 1));
    // Scales, not sizes, so that the batch dimension stays free.
    String scales = g.floats("resize_scales", new float[] {1f, 1f, (float) shape.height() / BOXMOT_HEIGHT,
        (float) shape.width() / BOXMOT_WIDTH}, 4);
    return g.node("Resize", Map.of("mode", "linear", "coordinate_transformation_mode", "half_pixel"), x, "", scales);
  }

  /** fc1 (its batch norm folded), ELU and L2 normalisation into the output {@code features} [N,128]. */
  private static void normalisedFeatures(OnnxGraph g, Weights weights, String x, long[] hw) {
    // fc1's weights were trained on the NHWC flatten.
    x = g.node("Transpose", Map.of("perm", new long[] {0, 2, 3, 1}), x);
    long flat = hw[0] * hw[1] * 128;
    x = g.node("Reshape", Map.of(), x, g.longs("flat_shape", -1, flat));
    float[] dense = weights.get("fc1/dense/weights");
    float[][] folded = foldBatchNorm(weights, "fc1/bn", dense, i -> i % CosineMetricNet.FEATURE_DIM);
    x = g.node("MatMul", Map.of(), x, g.floats("fc1_weights", folded[0], flat, CosineMetricNet.FEATURE_DIM));
    x = g.node("Add", Map.of(), x, g.floats("fc1_bias", folded[1], CosineMetricNet.FEATURE_DIM));
    x = g.node("Elu", Map.of("alpha", 1f), x);
    String squares = g.node("ReduceSumSquare", Map.of("axes", new long[] {1}, "keepdims", 1L), x);
    String norm = g.node("Sqrt", Map.of(), g.node("Max", Map.of(), squares, g.floats("tiny", new float[] {1e-12f})));
    g.node("Div", ReidEncoder.OUTPUT, Map.of(), x, norm);
    g.proto().addOutput(OnnxGraph.value(ReidEncoder.OUTPUT, OnnxMl.TensorProto.DataType.FLOAT, -1,
        CosineMetricNet.FEATURE_DIM));
  }

  /** LeNet: {@code input_image} float32 [N,784] in [0,1] to {@code logits} and {@code probabilities} [N,10]. */
  public static OnnxMl.ModelProto lenet(LenetModel model, Map<String, String> metadata) {
    Weights weights = new Weights(model.session());
    OnnxGraph g = new OnnxGraph("deepmetric_lenet");
    int side = MnistDataset.SIDE;
    g.proto().addInput(OnnxGraph.value(LenetModel.INPUT, OnnxMl.TensorProto.DataType.FLOAT, -1, MnistDataset.PIXELS));
    // One channel: NHWC [N,28,28,1] and NCHW [N,1,28,28] hold the values in the same order.
    String x = g.node("Reshape", Map.of(), LenetModel.INPUT, g.longs("image_shape", -1, 1, side, side));
    x = lenetConv(g, weights, x, "conv1");
    x = lenetConv(g, weights, x, "conv2");
    x = g.node("Transpose", Map.of("perm", new long[] {0, 2, 3, 1}), x);
    x = g.node("Reshape", Map.of(), x, g.longs("flat_shape", -1, 7 * 7 * 16));
    for (String layer : new String[] {"fc1", "fc2", "fc3"}) {
      long[] dims = weights.shape(layer + "/weights");
      x = g.node("Gemm", Map.of(), x, g.floats(layer + "_w", weights.get(layer + "/weights"), dims),
          g.floats(layer + "_b", weights.get(layer + "/biases"), dims[1]));
      if (!layer.equals("fc3")) {
        x = g.node("Sigmoid", Map.of(), x);
      }
    }
    g.node("Identity", LenetModel.LOGITS, Map.of(), x);
    g.node("Softmax", LenetModel.PROBABILITIES, Map.of("axis", 1L), LenetModel.LOGITS);
    g.proto().addOutput(OnnxGraph.value(LenetModel.LOGITS, OnnxMl.TensorProto.DataType.FLOAT, -1,
        MnistDataset.NUM_CLASSES));
    g.proto().addOutput(OnnxGraph.value(LenetModel.PROBABILITIES, OnnxMl.TensorProto.DataType.FLOAT, -1,
        MnistDataset.NUM_CLASSES));
    return model(g, metadata);
  }

  /** Writes a model atomically. */
  public static void write(OnnxMl.ModelProto model, Path file) {
    AtomicFiles.write(file, model.toByteArray());
  }

  /** A model of graph {@code g} at deepmetric's opset, with {@code properties} as its metadata. */
  public static OnnxMl.ModelProto model(OnnxGraph g, Map<String, String> properties) {
    OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("deepmetric")
        .setProducerVersion(properties.getOrDefault("version", "")).setGraph(g.proto())
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
    properties.forEach((k, v) -> model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  /** Conv (SAME, bias) then max-pool 2x2 stride 2, then the sigmoid, as deepmetric's LeNet pools first. */
  private static String lenetConv(OnnxGraph g, Weights weights, String x, String layer) {
    long[] hwio = weights.shape(layer + "/weights");
    String kernel = g.floats(layer + "_w", toOihw(weights.get(layer + "/weights"), hwio), hwio[3], hwio[2], hwio[0],
        hwio[1]);
    x = g.node("Conv", Map.of("pads", new long[] {2, 2, 2, 2}), x, kernel,
        g.floats(layer + "_b", weights.get(layer + "/biases"), hwio[3]));
    x = g.node("MaxPool", Map.of("kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}), x);
    return g.node("Sigmoid", Map.of(), x);
  }

  private static String residual(OnnxGraph g, Weights weights, String input, String scope, boolean increase,
      boolean first, long[] hw) {
    String x = input;
    if (!first) {
      x = g.node("Elu", Map.of("alpha", 1f), batchNorm(g, weights, x, scope + "/preact"));
    }
    int stride = increase ? 2 : 1;
    x = convBnElu(g, weights, x, scope + "/1", stride, hw);
    long[] after = increase ? new long[] {(hw[0] + 1) / 2, (hw[1] + 1) / 2} : hw;
    x = conv(g, weights, x, scope + "/2", 1, after, true);
    String shortcut = increase ? conv(g, weights, input, scope + "/projection", 2, hw, false) : input;
    return g.node("Add", Map.of(), shortcut, x);
  }

  /** Conv (no bias) with the batch norm after it folded in, then ELU. */
  private static String convBnElu(OnnxGraph g, Weights weights, String x, String scope, int stride, long[] hw) {
    long[] hwio = weights.shape(scope + "/conv/weights");
    float[] oihw = toOihw(weights.get(scope + "/conv/weights"), hwio);
    int perOutput = oihw.length / (int) hwio[3];
    float[][] folded = foldBatchNorm(weights, scope + "/bn", oihw, i -> i / perOutput);
    String name = scope.replace('/', '_');
    x = g.node("Conv", convAttributes(hwio, stride, hw), x,
        g.floats(name + "_w", folded[0], hwio[3], hwio[2], hwio[0], hwio[1]), g.floats(name + "_b", folded[1], hwio[3]));
    return g.node("Elu", Map.of("alpha", 1f), x);
  }

  private static String conv(OnnxGraph g, Weights weights, String x, String scope, int stride, long[] hw,
      boolean bias) {
    long[] hwio = weights.shape(scope + "/conv/weights");
    String name = scope.replace('/', '_');
    String kernel = g.floats(name + "_w", toOihw(weights.get(scope + "/conv/weights"), hwio), hwio[3], hwio[2],
        hwio[0], hwio[1]);
    return bias ? g.node("Conv", convAttributes(hwio, stride, hw), x, kernel,
        g.floats(name + "_b", weights.get(scope + "/conv/biases"), hwio[3]))
        : g.node("Conv", convAttributes(hwio, stride, hw), x, kernel);
  }

  private static Map<String, Object> convAttributes(long[] hwio, int stride, long[] hw) {
    long[] ph = OnnxGraph.samePadding(hw[0], (int) hwio[0], stride);
    long[] pw = OnnxGraph.samePadding(hw[1], (int) hwio[1], stride);
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("kernel_shape", new long[] {hwio[0], hwio[1]});
    attributes.put("strides", new long[] {stride, stride});
    attributes.put("pads", new long[] {ph[0], pw[0], ph[1], pw[1]});
    return attributes;
  }

  /** BatchNormalization with gamma 1, as the network's pre-activations. */
  private static String batchNorm(OnnxGraph g, Weights weights, String x, String scope) {
    float[] beta = weights.get(scope + "/beta");
    float[] ones = new float[beta.length];
    Arrays.fill(ones, 1f);
    String name = scope.replace('/', '_');
    return g.node("BatchNormalization", Map.of("epsilon", BatchNorm.EPSILON), x, g.floats(name + "_gamma", ones,
        beta.length), g.floats(name + "_beta", beta, beta.length), g.floats(name + "_mean",
        weights.get(scope + "/moving_mean"), beta.length), g.floats(name + "_var", weights.get(scope + "/moving_variance"),
        beta.length));
  }

  /**
   * Weights with the batch norm after them folded in, {weights, bias}: y = (x - mean) / sqrt(var +
   * eps) + beta becomes w * s and beta - mean * s; {@code channelOf} gives the output channel of
   * each weight (i % out for dense [in,out], i / (in*h*w) for OIHW kernels).
   */
  private static float[][] foldBatchNorm(Weights weights, String scope, float[] values, IntUnaryOperator channelOf) {
    return foldBatchNorm(weights, scope, values, null, channelOf, false, BatchNorm.EPSILON);
  }

  /**
   * The general fold: with {@code bias} (null: none) added before the batch norm, a learnt scale
   * gamma when {@code scaled}, and {@code epsilon}: w * s and (bias - mean) * s + beta, s = gamma /
   * sqrt(var + eps).
   */
  static float[][] foldBatchNorm(Weights weights, String scope, float[] values, float[] bias,
      IntUnaryOperator channelOf, boolean scaled, float epsilon) {
    float[] variance = weights.get(scope + "/moving_variance");
    float[] beta = weights.get(scope + "/beta");
    float[] mean = weights.get(scope + "/moving_mean");
    float[] gamma = scaled ? weights.get(scope + "/gamma") : null;
    float[] s = new float[variance.length];
    float[] b = new float[variance.length];
    for (int c = 0; c < s.length; c++) {
      s[c] = (float) ((gamma == null ? 1 : gamma[c]) / Math.sqrt(variance[c] + epsilon));
      b[c] = ((bias == null ? 0 : bias[c]) - mean[c]) * s[c] + beta[c];
    }
    float[] w = values.clone();
    for (int i = 0; i < w.length; i++) {
      w[i] *= s[channelOf.applyAsInt(i)];
    }
    return new float[][] {w, b};
  }

  /** TensorFlow's HWIO kernel as ONNX's OIHW. */
  static float[] toOihw(float[] hwio, long[] shape) {
    int h = (int) shape[0];
    int w = (int) shape[1];
    int in = (int) shape[2];
    int out = (int) shape[3];
    float[] oihw = new float[hwio.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            oihw[((o * in + i) * h + y) * w + x] = hwio[((y * w + x) * in + i) * out + o];
          }
        }
      }
    }
    return oihw;
  }

  /** The float32 variables of a session, read once each. */
  static final class Weights {
    private final Session session;

    Weights(Session session) {
      this.session = session;
    }

    float[] get(String name) {
      try (Result result = session.runner().fetch(name).run()) {
        TFloat32 tensor = (TFloat32) result.get(0);
        float[] values = new float[(int) tensor.shape().size()];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    }

    /** Whether the session's graph has a variable {@code name}. */
    boolean has(String name) {
      return session.graph().operation(name) != null;
    }

    long[] shape(String name) {
      try (Result result = session.runner().fetch(name).run()) {
        return result.get(0).shape().asArray();
      }
    }
  }
}
