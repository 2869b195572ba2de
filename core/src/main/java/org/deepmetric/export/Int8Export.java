package org.deepmetric.export;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.OnnxSessions;

/**
 * An int8 model from a float32 one: calibrated both ways ({@link ActivationRanges.Method}),
 * each quantized ({@link QdqQuantization}) and compared with the float32 model on held-out inputs
 * by the cosine of their outputs, row by row; the way whose worst row agrees best is kept. A
 * model whose worst row falls under {@link #MIN_COSINE} is refused unless forced.
 */
public final class Int8Export {
  /** The least cosine between an int8 and the float32 output that export accepts without --force. */
  public static final double MIN_COSINE = 0.98;

  /** One calibration's model and its agreement. */
  public record Candidate(ActivationRanges.Method method, OnnxMl.ModelProto model, Agreement agreement) {}

  /** The kept candidate and every one tried, in {@link ActivationRanges.Method} order. */
  public record Result(Candidate chosen, List<Candidate> tried) {}

  private Int8Export() {}

  /**
   * Quantizes {@code fp32} with ranges from {@code calibration}, comparing output {@code output}
   * on {@code heldOut} (inputs the calibration did not see).
   */
  public static Result quantize(OnnxMl.ModelProto fp32, List<ActivationRanges.Inputs> calibration,
      List<ActivationRanges.Inputs> heldOut, String output) {
    List<String> activations = QdqQuantization.activations(fp32);
    List<float[]> reference = outputs(fp32, heldOut, output);
    var ranges = ActivationRanges.measure(fp32, activations, calibration);
    List<Candidate> tried = new ArrayList<>();
    for (ActivationRanges.Method method : ActivationRanges.Method.values()) {
      OnnxMl.ModelProto int8 = QdqQuantization.quantize(fp32, ranges.get(method));
      Agreement agreement = Agreement.between(reference, outputs(int8, heldOut, output), rowWidth(fp32, output));
      tried.add(new Candidate(method, int8, agreement));
    }
    Candidate best = tried.get(0);
    for (Candidate c : tried) {
      if (c.agreement().minCosine() > best.agreement().minCosine()) {
        best = c;
      }
    }
    return new Result(best, List.copyOf(tried));
  }

  /** The refusal of a model that agrees too little, naming the figure and the way around it. */
  public static void check(Agreement agreement, boolean force) {
    if (agreement.minCosine() < MIN_COSINE && !force) {
      throw new DeepMetricException(String.format(Locale.ROOT,
          "int8 model refused: its worst held-out row has cosine %.4f to float32, under %.2f (%s); calibrate on"
              + " crops like the ones it will see (--calibration_dir), or pass --force to write it anyway",
          agreement.minCosine(), MIN_COSINE, agreement));
    }
  }

  /** Output {@code output} of {@code model} for each batch, flattened. */
  public static List<float[]> outputs(OnnxMl.ModelProto model, List<ActivationRanges.Inputs> batches, String output) {
    OrtSession session = OnnxSessions.open(model.toByteArray(), "model being quantized");
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try {
      List<float[]> out = new ArrayList<>();
      for (ActivationRanges.Inputs batch : batches) {
        Map<String, OnnxTensor> inputs = batch.create(environment);
        try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
          FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
          float[] copy = new float[values.remaining()];
          values.get(copy);
          out.add(copy);
        } finally {
          inputs.values().forEach(OnnxTensor::close);
        }
      }
      return out;
    } catch (OrtException e) {
      throw new DeepMetricException("ONNX Runtime failed on the model being quantized: " + OnnxSessions.firstLine(e), e);
    } finally {
      OnnxSessions.closeQuietly(session);
    }
  }

  /** The size of one row of a graph output [N, D]. */
  private static int rowWidth(OnnxMl.ModelProto model, String output) {
    for (OnnxMl.ValueInfoProto value : model.getGraph().getOutputList()) {
      if (value.getName().equals(output)) {
        var dims = value.getType().getTensorType().getShape().getDimList();
        return (int) dims.get(dims.size() - 1).getDimValue();
      }
    }
    throw new IllegalArgumentException("no output " + output);
  }
}
