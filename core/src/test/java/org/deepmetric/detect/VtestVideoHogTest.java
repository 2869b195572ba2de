package org.deepmetric.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepmetric.data.video.FrameSource;
import org.deepmetric.data.video.FrameSources;
import org.deepmetric.track.Box;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * HOG on vtest.avi itself (Debian's opencv-doc, which CI installs) against det.txt, which OpenCV's
 * Python HOG made from the same decoded frames: here the boxes should all agree.
 */
@Tag("slow")
class VtestVideoHogTest {
  static final Path VIDEO = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
  static final int FRAMES = 60;

  @Test
  void theVideosFramesGiveOpenCvsBoxes() throws IOException {
    if (System.getenv("CI") != null) {
      assertTrue(Files.isRegularFile(VIDEO), VIDEO + ": .ci/run installs opencv-doc for this test");
    }
    assumeTrue(Files.isRegularFile(VIDEO) && Files.isDirectory(HogDetectorTest.VTEST), "vtest.avi and VTEST-01 are here");
    List<double[]> reference = new ArrayList<>();
    for (String line : Files.readAllLines(HogDetectorTest.VTEST.resolve("det/det.txt"))) {
      String[] f = line.split(",");
      if (Integer.parseInt(f[0]) <= FRAMES) {
        reference.add(new double[] {Integer.parseInt(f[0]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), Double.parseDouble(f[5])});
      }
    }
    int found = 0;
    int matched = 0;
    try (FrameSource video = FrameSources.open(VIDEO.toString()); HogDetector hog = new HogDetector(1)) {
      for (int frame = 1; frame <= FRAMES; frame++) {
        List<Detected> boxes = hog.detect(video.next());
        found += boxes.size();
        for (double[] r : reference) {
          Box box = new Box(r[1], r[2], r[3], r[4]);
          if (r[0] == frame && boxes.stream().anyMatch(d -> d.box().iou(box) >= 0.9)) {
            matched++;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "HOG on the first %d frames of vtest.avi: %d boxes; det.txt has %d, %d of them"
        + " found at IoU >= 0.9%n", FRAMES, found, reference.size(), matched);
    assertTrue(matched >= 0.97 * reference.size(), matched + " of " + reference.size());
    assertTrue(found <= 1.03 * reference.size(), found + " boxes for " + reference.size());
  }
}
