package org.deepmetric.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.video.Frames;
import org.deepmetric.fixtures.TinyOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boxmot's crop rule and preprocessing, on a model whose features are its input's channel means. */
class TorchreidOnnxEncoderTest {
  @TempDir
  Path dir;

  @Test
  void cornersAreRoundedHalfToEvenAndClippedToTheFrame() {
    // x 10.5 -> 10 (half to even), x + w = 21.5 -> 22; y 3.5 -> 4, y + h = 40.5 -> 40.
    assertArrayEquals(new int[] {10, 4, 22, 40}, PatchExtractor.torchreidCorners(10.5, 3.5, 11, 37, 100, 100).get());
    // Clipped to [0, width] and [0, height], not to the last pixel as deep_sort does.
    assertArrayEquals(new int[] {0, 0, 100, 50}, PatchExtractor.torchreidCorners(-5, -2, 120, 60, 100, 50).get());
    assertTrue(PatchExtractor.torchreidCorners(100.4, 0, 10, 10, 100, 50).isEmpty(), "wholly right of the frame");
  }

  @Test
  void featuresAreTheNormalisedMeansOfTheRgbCrop() {
    Path model = dir.resolve("means.onnx");
    TinyOnnx.channelMeans(model, 64, 32);
    BufferedImage frame = new BufferedImage(200, 100, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = Frames.bytes(frame);
    for (int p = 0; p < bgr.length; p += 3) {
      int x = (p / 3) % 200;
      // Left half B=30 G=60 R=90; right half all 200: a box on the left sees one colour only.
      bgr[p] = (byte) (x < 100 ? 30 : 200);
      bgr[p + 1] = (byte) (x < 100 ? 60 : 200);
      bgr[p + 2] = (byte) (x < 100 ? 90 : 200);
    }
    try (AppearanceModel encoder = AppearanceModel.load(model)) {
      assertEquals(new ImageShape(64, 32), encoder.inputShape());
      assertEquals(PatchExtractor.Rule.TORCHREID, encoder.patchRule());
      assertEquals(3, encoder.featureDim());
      StringWriter log = new StringWriter();
      float[] features = new DetectionFeatures(encoder, new PrintWriter(log))
          .encodeFrame(frame, List.of(new double[] {1, -1, 10.2, 20.7, 50, 60, 1}));
      double[] rgb = {90, 60, 30};
      double[] mean = {0.485, 0.456, 0.406};
      double[] std = {0.229, 0.224, 0.225};
      double[] expected = new double[3];
      double norm = 0;
      for (int c = 0; c < 3; c++) {
        expected[c] = (rgb[c] / 255 - mean[c]) / std[c];
        norm += expected[c] * expected[c];
      }
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[c] / Math.sqrt(norm), features[c], 1e-5, "channel " + c);
      }
      assertEquals("", log.toString());
    }
  }
}
