package org.deepmetric.infer;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deepmetric.io.OnnxSessions;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.ImageShape;

/**
 * A re-ID model in torchreid's and boxmot's ONNX layout (OSNet, ResNet-50, CLIP-ReID ... as
 * {@code torchreid.utils.FeatureExtractor} or {@code boxmot export} writes them): input float
 * RGB [N,3,H,W], pixels / 255 then normalised by ImageNet's mean (0.485, 0.456, 0.406) and
 * deviation (0.229, 0.224, 0.225); output features [N,D], L2-normalised here as boxmot does. H x W
 * is the model's (256 x 128 where it is dynamic, boxmot's default); patches are cut by
 * {@link PatchExtractor.Rule#TORCHREID}.
 */
public final class TorchreidOnnxEncoder implements AppearanceModel {
  /** boxmot's input size for every model but LMBN. */
  static final ImageShape DYNAMIC_SIZE = new ImageShape(256, 128);

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final String input;
  private final ImageShape shape;
  private final int dim;

  private TorchreidOnnxEncoder(OrtSession session, String input, ImageShape shape, int dim) {
    this.session = session;
    this.input = input;
    this.shape = shape;
    this.dim = dim;
  }

  /** Whether a model input of {@code info} is this layout's: float [N,3,H,W]. */
  static boolean accepts(TensorInfo info) {
    long[] s = info.getShape();
    return info.type == OnnxJavaType.FLOAT && s.length == 4 && s[1] == 3;
  }

  /** The encoder over an open session, which it closes on failure. */
  static TorchreidOnnxEncoder of(Path file, OrtSession session) {
    try {
      TensorInfo in = OnnxSessions.onlyTensor(session.getInputInfo(), file, "input");
      long[] s = in.getShape();
      ImageShape shape = s[2] > 0 && s[3] > 0 ? new ImageShape((int) s[2], (int) s[3]) : DYNAMIC_SIZE;
      long[] o = OnnxSessions.onlyTensor(session.getOutputInfo(), file, "output").getShape();
      if (o.length != 2 || o[1] <= 0) {
        throw new DeepMetricException(file + " gives " + Arrays.toString(o) + ", not features [N,D]");
      }
      return new TorchreidOnnxEncoder(session, session.getInputNames().iterator().next(), shape, (int) o[1]);
    } catch (OrtException | RuntimeException e) {
      OnnxSessions.closeQuietly(session);
      throw e instanceof DeepMetricException d ? d : new DeepMetricException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public float[] encodeBgr(byte[] patches, int count) {
    int plane = shape.height() * shape.width();
    float[] x = new float[count * 3 * plane];
    for (int n = 0; n < count; n++) {
      int from = n * plane * 3;
      int to = n * plane * 3;
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < 3; c++) {
          // Patches are BGR; channel c of the model is RGB's.
          float value = (patches[from + 3 * p + 2 - c] & 0xff) / 255f;
          x[to + c * plane + p] = (value - Images.IMAGENET_MEAN[c]) / Images.IMAGENET_STD[c];
        }
      }
    }
    long[] dims = {count, 3, shape.height(), shape.width()};
    try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(x), dims);
         OrtSession.Result result = session.run(Map.of(input, tensor))) {
      FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] out = new float[count * dim];
      y.get(out);
      normalizeRows(out, dim);
      return out;
    } catch (OrtException e) {
      throw new DeepMetricException("ONNX Runtime failed on a batch of " + count + ": " + OnnxSessions.firstLine(e), e);
    }
  }

  private static void normalizeRows(float[] features, int dim) {
    for (int from = 0; from < features.length; from += dim) {
      double sum = 0;
      for (int k = 0; k < dim; k++) {
        sum += features[from + k] * features[from + k];
      }
      float scale = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0;
      for (int k = 0; k < dim; k++) {
        features[from + k] *= scale;
      }
    }
  }

  @Override
  public PatchExtractor.Rule patchRule() {
    return PatchExtractor.Rule.TORCHREID;
  }

  @Override
  public String engine() {
    return "ONNX Runtime " + OnnxSessions.version() + ", torchreid layout";
  }

  @Override
  public ImageShape inputShape() {
    return shape;
  }

  @Override
  public int featureDim() {
    return dim;
  }

  @Override
  public void close() {
    OnnxSessions.closeQuietly(session);
  }
}
