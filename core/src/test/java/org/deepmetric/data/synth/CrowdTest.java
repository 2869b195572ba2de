package org.deepmetric.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.data.Images;
import org.deepmetric.data.MotText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synthetic crowd: MOT20's frame, the people asked for, occlusion lowering detection scores. */
class CrowdTest {
  @TempDir
  Path dir;

  @Test
  void aCrowdHasItsPeopleHiddenByOneAnotherAndScoresThatFallWithIt() throws IOException {
    SynthOptions options = new SynthOptions(10, 2, 0, 0, 4);
    SyntheticMot.write(dir.resolve("a"), options, 1, 3, CameraMotion.NONE, 150);
    Path sequence = dir.resolve("a/SYNTH-01");
    assertEquals(1920, Images.read(sequence.resolve("img1/000001.jpg")).getWidth());
    assertTrue(Files.readString(sequence.resolve("seqinfo.ini")).contains("imWidth=1920"));
    List<double[]> gt = MotText.read(sequence.resolve("gt/gt.txt"));
    List<double[]> det = MotText.read(sequence.resolve("det/det.txt"));
    // 150 people a frame (everyone is inside the frame: they bounce off its edges), 150 ids.
    assertEquals(450, gt.size());
    assertEquals(150, gt.stream().mapToInt(r -> (int) r[1]).distinct().count());
    long hidden = gt.stream().filter(r -> r[8] < 0.8).count();
    assertTrue(hidden > 45, hidden + " of 450 true boxes under 80% visible");
    assertTrue(gt.stream().allMatch(r -> r[5] >= 40 && r[5] <= 200), "heights");
    // Fewer detections than people (the hidden ones are missed), some with a low score.
    assertTrue(det.size() < gt.size() && det.size() > gt.size() / 2, det.size() + " detections");
    assertTrue(det.stream().anyMatch(r -> r[6] < 0.6), "low-score detections for ByteTrack's second round");
    // The same seed writes the same files.
    SyntheticMot.write(dir.resolve("b"), options, 1, 3, CameraMotion.NONE, 150);
    assertArrayEquals(Files.readAllBytes(sequence.resolve("det/det.txt")),
        Files.readAllBytes(dir.resolve("b/SYNTH-01/det/det.txt")));
    assertArrayEquals(Files.readAllBytes(sequence.resolve("img1/000003.jpg")),
        Files.readAllBytes(dir.resolve("b/SYNTH-01/img1/000003.jpg")));
  }
}
