package org.deepmetric.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deepmetric.export.QdqQuantization;
import org.deepmetric.io.OnnxSessions;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;

/**
 * An ONNX appearance model run by ONNX Runtime (CPU): one uint8 input [N,H,W,3] of BGR patches,
 * one float output [N,D], the layout {@code --mode=onnx --onnx_layout=deep_sort} writes.
 */
public final class OnnxFeatureEncoder implements AppearanceModel {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String input;
  private final ImageShape shape;
  private final int dim;

  private OnnxFeatureEncoder(OrtEnvironment environment, OrtSession session, String input, ImageShape shape,
      int dim) {
    this.environment = environment;
    this.session = session;
    this.input = input;
    this.shape = shape;
    this.dim = dim;
  }

  /** Loads {@code file}; a missing, corrupt or differently shaped model is a one-line error. */
  public static OnnxFeatureEncoder load(Path file) {
    return of(file, OnnxSessions.open(file, "ONNX model"));
  }

  /** An encoder over a model held in memory ({@code name} stands for it in errors). */
  public static OnnxFeatureEncoder of(byte[] model, String name) {
    return of(Path.of(name), OnnxSessions.open(model, name));
  }

  /** The encoder over an open session, which it closes on failure. */
  static OnnxFeatureEncoder of(Path file, OrtSession session) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try {
      TensorInfo in = OnnxSessions.onlyTensor(session.getInputInfo(), file, "input");
      TensorInfo out = OnnxSessions.onlyTensor(session.getOutputInfo(), file, "output");
      long[] s = in.getShape();
      if (in.type != OnnxJavaType.UINT8 || s.length != 4 || s[3] != ImageShape.CHANNELS || s[1] <= 0 || s[2] <= 0) {
        throw new DeepMetricException(file + " takes " + in.type + " " + Arrays.toString(s)
            + ", neither deep_sort's uint8 BGR patches [N,H,W,3] nor torchreid's float RGB [N,3,H,W]");
      }
      long[] o = out.getShape();
      if (o.length != 2 || o[1] <= 0) {
        throw new DeepMetricException(file + " gives " + Arrays.toString(o) + ", not features [N,D]");
      }
      String name = session.getInputNames().iterator().next();
      return new OnnxFeatureEncoder(environment, session, name, new ImageShape((int) s[1], (int) s[2]), (int) o[1]);
    } catch (OrtException | RuntimeException e) {
      OnnxSessions.closeQuietly(session);
      throw e instanceof DeepMetricException d ? d : new DeepMetricException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public float[] encodeBgr(byte[] patches, int count) {
    try (OnnxTensor x = patchTensor(environment, patches, count, shape);
         OrtSession.Result result = session.run(Map.of(input, x))) {
      FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] out = new float[count * dim];
      y.get(out);
      return out;
    } catch (OrtException e) {
      throw new DeepMetricException("ONNX Runtime failed on a batch of " + count + ": " + OnnxSessions.firstLine(e), e);
    }
  }

  /** deep_sort's model input: {@code count} uint8 BGR patches [count,H,W,3] of {@code shape}. */
  public static OnnxTensor patchTensor(OrtEnvironment environment, byte[] patches, int count, ImageShape shape)
      throws OrtException {
    ByteBuffer pixels = ByteBuffer.allocateDirect(count * shape.bytes());
    pixels.put(patches, 0, count * shape.bytes()).rewind();
    return OnnxTensor.createTensor(environment, pixels, new long[] {count, shape.height(), shape.width(),
        ImageShape.CHANNELS}, OnnxJavaType.UINT8);
  }

  @Override
  public String engine() {
    String quantization = metadata().get(QdqQuantization.PROPERTY);
    return "ONNX Runtime " + OnnxSessions.version() + ", " + (quantization != null ? quantization : "float32");
  }

  @Override
  public ImageShape inputShape() {
    return shape;
  }

  @Override
  public int featureDim() {
    return dim;
  }

  /** The model's metadata properties (deepmetric writes its version, checkpoint and layout). */
  public Map<String, String> metadata() {
    try {
      return session.getMetadata().getCustomMetadata();
    } catch (OrtException e) {
      throw new DeepMetricException("cannot read the ONNX model's metadata: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    OnnxSessions.closeQuietly(session);
  }
}
