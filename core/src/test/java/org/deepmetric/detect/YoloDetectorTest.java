package org.deepmetric.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.fixtures.TinyOnnx;
import org.deepmetric.track.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YOLO decoding on ONNX models whose output is fixed: a 1280x720 frame letterboxed into 640x640
 * is scaled by 0.5 to 640x360 and padded by 140 rows above and below, so a candidate at input
 * (x, y) is at frame ((x - 0) / 0.5, (y - 140) / 0.5).
 */
class YoloDetectorTest {
  @TempDir
  Path dir;

  static final BufferedImage FRAME = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);

  /** Candidates: centre x, centre y, w, h (input pixels), and scores of classes 0 (person), 1, 2. */
  static final double[][] CANDIDATES = {
      {100, 240, 40, 80, 0.9, 0.1, 0}, // a person: frame (160, 120, 80, 160)
      {102, 242, 40, 80, 0.8, 0, 0}, // the same person again, IoU 0.86 with the first: suppressed
      {100, 240, 40, 80, 0.1, 0, 0.95}, // a car on the same spot: another class, so never suppressed by the person
      {300, 300, 20, 40, 0.2, 0, 0}, // below --conf 0.25
      {630, 150, 40, 40, 0.6, 0, 0}, // over the top and right edges: clipped to the frame
  };

  @Test
  void yolov8LayoutIsDecodedAsUltralyticsDoes() {
    int n = 8;
    float[] out = new float[7 * n];
    for (int i = 0; i < CANDIDATES.length; i++) {
      for (int f = 0; f < 7; f++) {
        out[f * n + i] = (float) CANDIDATES[i][f];
      }
    }
    Path model = dir.resolve("v8.onnx");
    TinyOnnx.constantOutput(model, 640, 640, out, 1, 7, n);
    checkPersons(model);
    try (YoloDetector detector = YoloDetector.load(model, new YoloDetector.Settings(0.25, 0.7, Set.of(0, 2)))) {
      List<Detected> found = detector.detect(FRAME);
      assertEquals(3, found.size(), found.toString());
      assertEquals(2, found.get(0).classId(), "the car, best first");
      assertEquals(0.95, found.get(0).score(), 1e-6);
      assertBox(new Box(160, 120, 80, 160), found.get(0).box());
    }
  }

  @Test
  void yolov5LayoutMultipliesObjectnessAndClassScore() {
    int n = 9;
    float[] out = new float[n * 8];
    for (int i = 0; i < CANDIDATES.length; i++) {
      double[] c = CANDIDATES[i];
      // Objectness 1 but for the edge box: 0.75 x 0.8 = 0.6, the v8 case's score.
      double objectness = i == 4 ? 0.75 : 1;
      double[] row = {c[0], c[1], c[2], c[3], objectness, i == 4 ? 0.8 : c[4], c[5], c[6]};
      for (int f = 0; f < 8; f++) {
        out[i * 8 + f] = (float) row[f];
      }
    }
    Path model = dir.resolve("v5.onnx");
    TinyOnnx.constantOutput(model, 640, 640, out, 1, n, 8);
    checkPersons(model);
  }

  private static void checkPersons(Path model) {
    try (YoloDetector detector = YoloDetector.load(model, YoloDetector.Settings.PERSONS)) {
      List<Detected> found = detector.detect(FRAME);
      assertEquals(2, found.size(), found.toString());
      assertEquals(0.9, found.get(0).score(), 1e-6);
      assertBox(new Box(160, 120, 80, 160), found.get(0).box());
      assertEquals(0.6, found.get(1).score(), 1e-6);
      // Input corners (610, 130)-(650, 170) -> frame (1220, -20)-(1300, 60), clipped to (1220, 0)-(1280, 60).
      assertBox(new Box(1220, 0, 60, 60), found.get(1).box());
      assertTrue(found.stream().allMatch(d -> d.classId() == 0));
    }
  }

  @Test
  void anOutputOfNeitherLayoutIsOneLineNamingItsShape() {
    Path model = dir.resolve("odd.onnx");
    TinyOnnx.constantOutput(model, 640, 640, new float[30], 1, 3, 10);
    DeepMetricException e = assertThrows(DeepMetricException.class,
        () -> YoloDetector.load(model, YoloDetector.Settings.PERSONS));
    assertTrue(e.getMessage().contains("[1, 3, 10]") && !e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void theLetterboxFollowsUltralyticsRounding() {
    // 768x576 into 640x640: gain 5/6, 640x480, 80 rows of padding above and below.
    Letterbox box = Letterbox.fit(768, 576, 640, 640);
    assertEquals(640, box.scaledWidth());
    assertEquals(480, box.scaledHeight());
    assertEquals(80, box.padTop());
    assertEquals(0, box.padLeft());
    // 1000x333 into 640x640: 640x213 (213.12), 427 rows to pad: 213.5 -> top round(213.4) = 213, bottom 214.
    Letterbox odd = Letterbox.fit(1000, 333, 640, 640);
    assertEquals(213, odd.scaledHeight());
    assertEquals(213, odd.padTop());
    float[] pixels = odd.input(new BufferedImage(1000, 333, BufferedImage.TYPE_3BYTE_BGR));
    assertEquals(114 / 255f, pixels[0], 1e-7, "grey padding above");
    assertEquals(0f, pixels[213 * 640], 1e-7, "the (black) frame starts on row 213");
    assertEquals(114 / 255f, pixels[(213 + 213) * 640], 1e-7, "grey padding below");
  }

  private static void assertBox(Box expected, Box actual) {
    assertEquals(expected.x(), actual.x(), 1e-3, actual.toString());
    assertEquals(expected.y(), actual.y(), 1e-3, actual.toString());
    assertEquals(expected.w(), actual.w(), 1e-3, actual.toString());
    assertEquals(expected.h(), actual.h(), 1e-3, actual.toString());
  }
}
