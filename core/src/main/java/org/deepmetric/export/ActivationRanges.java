package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.OnnxSessions;

/**
 * The value range of chosen float tensors of an ONNX model over calibration batches, which is
 * what an int8 model's activation scales come from. The model runs in ONNX Runtime with those
 * tensors added as outputs.
 */
public final class ActivationRanges {
  /** How a tensor's observed values become its range. */
  public enum Method {
    /** The smallest and largest value seen. */
    MIN_MAX("min-max"),
    /** The 0.01st and 99.99th percentiles: a few outliers no longer stretch the scale for every other value. */
    PERCENTILE("percentile 99.99");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** A calibrated range; it always holds zero, as an asymmetric uint8 range must represent 0 exactly. */
  public record Range(float min, float max) {
    public Range {
      min = Math.min(min, 0f);
      max = Math.max(max, 0f);
    }
  }

  /** One batch of model inputs, made when the calibration needs it and closed after. */
  @FunctionalInterface
  public interface Inputs {
    Map<String, OnnxTensor> create(OrtEnvironment environment) throws OrtException;
  }

  private static final int BINS = 4096;
  private static final double TAIL = 1e-4;

  private ActivationRanges() {}

  /**
   * The range of each of {@code tensors} of {@code model} over {@code batches}, by every
   * {@link Method}: one pass for the extremes, one for the histograms the percentiles come from.
   */
  public static Map<Method, Map<String, Range>> measure(OnnxMl.ModelProto model, List<String> tensors,
      List<Inputs> batches) {
    if (batches.isEmpty()) {
      throw new DeepMetricException("no calibration data: int8 ranges need at least one batch");
    }
    OnnxMl.ModelProto.Builder probe = model.toBuilder();
    var outputs = probe.getGraphBuilder();
    var existing = outputs.getOutputList().stream().map(OnnxMl.ValueInfoProto::getName).toList();
    for (String t : tensors) {
      if (!existing.contains(t)) {
        outputs.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(t).setType(OnnxMl.TypeProto.newBuilder()
            .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE))));
      }
    }
    OrtSession session = OnnxSessions.open(probe.build().toByteArray(), "calibration model");
    try {
      Map<String, float[]> minMax = new HashMap<>();
      forEachValue(session, tensors, batches, (name, values) -> {
        float[] mm = minMax.computeIfAbsent(name, n -> new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
        for (int i = 0; i < values.limit(); i++) {
          float v = values.get(i);
          mm[0] = Math.min(mm[0], v);
          mm[1] = Math.max(mm[1], v);
        }
      });
      Map<String, Range> extremes = new LinkedHashMap<>();
      tensors.forEach(t -> extremes.put(t, new Range(minMax.get(t)[0], minMax.get(t)[1])));
      Map<String, long[]> histograms = new HashMap<>();
      forEachValue(session, tensors, batches, (name, values) -> {
        float[] mm = minMax.get(name);
        long[] h = histograms.computeIfAbsent(name, n -> new long[BINS]);
        double width = (mm[1] - mm[0]) / BINS;
        for (int i = 0; i < values.limit(); i++) {
          h[width > 0 ? (int) Math.min(BINS - 1, (values.get(i) - mm[0]) / width) : 0]++;
        }
      });
      Map<String, Range> percentiles = new LinkedHashMap<>();
      for (String t : tensors) {
        float[] mm = minMax.get(t);
        long[] h = histograms.get(t);
        percentiles.put(t, new Range(quantile(h, mm, TAIL), quantile(h, mm, 1 - TAIL)));
      }
      return Map.of(Method.MIN_MAX, extremes, Method.PERCENTILE, percentiles);
    } finally {
      OnnxSessions.closeQuietly(session);
    }
  }

  /** The value below which a fraction {@code q} of a histogram's counts lie (a bin's upper edge, or its lower one at q=0's side). */
  private static float quantile(long[] histogram, float[] minMax, double q) {
    long total = 0;
    for (long c : histogram) {
      total += c;
    }
    double width = (minMax[1] - minMax[0]) / (double) histogram.length;
    long target = (long) Math.ceil(q * total);
    long seen = 0;
    for (int b = 0; b < histogram.length; b++) {
      seen += histogram[b];
      if (seen >= target) {
        return (float) (q < 0.5 ? minMax[0] + b * width : minMax[0] + (b + 1) * width);
      }
    }
    return minMax[1];
  }

  private interface ValueSink {
    void accept(String tensor, FloatBuffer values);
  }

  private static void forEachValue(OrtSession session, List<String> tensors, List<Inputs> batches, ValueSink sink) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    for (Inputs batch : batches) {
      Map<String, OnnxTensor> inputs = null;
      try {
        inputs = batch.create(environment);
        try (OrtSession.Result result = session.run(inputs, new HashSet<>(tensors))) {
          for (String t : tensors) {
            sink.accept(t, ((OnnxTensor) result.get(t).orElseThrow()).getFloatBuffer());
          }
        }
      } catch (OrtException e) {
        throw new DeepMetricException("calibration failed: " + OnnxSessions.firstLine(e), e);
      } finally {
        if (inputs != null) {
          inputs.values().forEach(OnnxTensor::close);
        }
      }
    }
  }
}
