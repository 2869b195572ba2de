package org.deepmetric.infer;

import java.nio.file.Path;
import java.util.Locale;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.models.FeatureEncoder;

/**
 * A deployed appearance model as deep_sort feeds it: uint8 BGR patches [N,H,W,3] in, features
 * [N,D] out. Either a frozen TensorFlow graph (.pb) or an ONNX model (.onnx) of the deep_sort
 * layout; the file name's extension chooses.
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

  /** Loads {@code file}: ONNX Runtime for a {@code .onnx} name, TensorFlow otherwise. */
  static AppearanceModel load(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")
        ? OnnxFeatureEncoder.load(file) : FrozenFeatureEncoder.load(file);
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
