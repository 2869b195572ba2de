package org.deepmetric.infer;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Locale;
import org.deepmetric.io.OnnxSessions;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.models.FeatureEncoder;

/**
 * A deployed appearance model fed patches cut from frames: uint8 BGR patches [N,H,W,3] in,
 * features [N,D] out. A frozen TensorFlow graph (.pb: deepmetric's or deep_sort's own
 * mars-small128.pb), or an ONNX model in deep_sort's layout (uint8 BGR input) or in torchreid's
 * and boxmot's (float RGB [N,3,H,W], converted here); the file and its input choose.
 */
public interface AppearanceModel extends FeatureEncoder {
  /** Features [count, featureDim()] of {@code count} BGR patches laid out as uint8 [count,H,W,3]. */
  float[] encodeBgr(byte[] patches, int count);

  /** RGB crops, swapped to BGR (in place) and encoded. */
  @Override
  default float[] encode(ReidBatch rgbCrops) {
    swapRedAndBlue(rgbCrops.images());
    return encodeBgr(rgbCrops.images(), rgbCrops.size());
  }

  /** What runs the model, in a few words, for a run's first lines ("ONNX Runtime 1.23.2, int8 QDQ"). */
  String engine();

  /** The line a tracking or detection-features run starts with: which file, run by what. */
  default String startLine(Path file) {
    return "features: " + file + " in " + engine() + ", one model call per frame's boxes";
  }

  /** How patches are cut from frames for this model. */
  default PatchExtractor.Rule patchRule() {
    return PatchExtractor.Rule.DEEP_SORT;
  }

  /**
   * Loads {@code file}: TensorFlow for a frozen graph; ONNX Runtime for a {@code .onnx} name, in
   * torchreid's layout when its input is float [N,3,H,W], else deep_sort's.
   */
  static AppearanceModel load(Path file) {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      return FrozenFeatureEncoder.load(file);
    }
    OrtSession session = OnnxSessions.open(file, "ONNX model");
    try {
      TensorInfo in = OnnxSessions.onlyTensor(session.getInputInfo(), file, "input");
      return TorchreidOnnxEncoder.accepts(in) ? TorchreidOnnxEncoder.of(file, session)
          : OnnxFeatureEncoder.of(file, session);
    } catch (OrtException | RuntimeException e) {
      OnnxSessions.closeQuietly(session);
      throw e instanceof DeepMetricException d ? d : new DeepMetricException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** RGB <-> BGR in place. */
  static void swapRedAndBlue(byte[] pixels) {
    swapRedAndBlue(pixels, 0, pixels.length);
  }

  /** RGB <-> BGR in place for the {@code length} bytes from {@code offset}. */
  static void swapRedAndBlue(byte[] pixels, int offset, int length) {
    for (int i = offset; i + 2 < offset + length; i += 3) {
      byte red = pixels[i];
      pixels[i] = pixels[i + 2];
      pixels[i + 2] = red;
    }
  }
}
