package org.deepmetric.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.data.MotText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic cameras of one site: global ids, one clock, transits, the same files for the same seed. */
class MtmcTest {
  @TempDir
  Path dir;

  /** Per person: per camera, the first and last second on the common clock it is in view. */
  private static Map<Integer, Map<String, double[]>> spans(Path root) throws IOException {
    Map<Integer, Map<String, double[]>> spans = new HashMap<>();
    for (String line : Files.readAllLines(root.resolve(SyntheticMtmc.CAMERAS_FILE)).subList(1, 4)) {
      String[] f = line.split(",", -1);
      double start = Double.parseDouble(f[1]);
      double rate = Double.parseDouble(f[2]);
      for (double[] row : MotText.read(root.resolve(f[0]).resolve("gt/gt.txt"))) {
        double t = start + (row[0] - 1) / rate;
        double[] span = spans.computeIfAbsent((int) row[1], p -> new HashMap<>()).computeIfAbsent(f[0],
            c -> new double[] {t, t});
        span[0] = Math.min(span[0], t);
        span[1] = Math.max(span[1], t);
      }
    }
    return spans;
  }

  @Test
  void peopleKeepOneIdAcrossCamerasAndNeverStandInTwoAtOnce() throws IOException {
    SynthOptions options = new SynthOptions(16, 3, 0, 0, 5);
    SyntheticMtmc.write(dir.resolve("a"), options, 3, 12, false);
    Path root = dir.resolve("a");
    List<String> cameras = Files.readAllLines(root.resolve(SyntheticMtmc.CAMERAS_FILE));
    assertEquals("sequence,start_s,frame_rate,overlaps", cameras.get(0));
    assertEquals(4, cameras.size());
    assertTrue(Files.readString(root.resolve("CAM-02/seqinfo.ini")).contains("frameRate=15"));
    Map<Integer, Map<String, double[]>> spans = spans(root);
    int travellers = 0;
    for (Map<String, double[]> seen : spans.values()) {
      if (seen.size() < 2) {
        continue;
      }
      travellers++;
      List<double[]> visits = new ArrayList<>(seen.values());
      visits.sort((a, b) -> Double.compare(a[0], b[0]));
      for (int k = 1; k < visits.size(); k++) {
        // Transits take 2-6 s, +-1 s: never two cameras at once, at least a second between them.
        assertTrue(visits.get(k)[0] - visits.get(k - 1)[1] >= 1, "transit " + (visits.get(k)[0]
            - visits.get(k - 1)[1]));
      }
    }
    assertTrue(travellers >= 4, travellers + " people seen by two cameras or more");
    SyntheticMtmc.write(dir.resolve("b"), options, 3, 12, false);
    for (String file : List.of(SyntheticMtmc.CAMERAS_FILE, "CAM-01/gt/gt.txt", "CAM-03/det/det.txt",
        "CAM-02/img1/000040.jpg")) {
      assertArrayEquals(Files.readAllBytes(root.resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)),
          file);
    }
  }

  @Test
  void overlappingCamerasSeeTheSamePeopleAtTheSameTimes() throws IOException {
    SyntheticMtmc.write(dir.resolve("o"), new SynthOptions(12, 3, 0, 0, 2), 3, 12, true);
    assertTrue(Files.readString(dir.resolve("o").resolve(SyntheticMtmc.CAMERAS_FILE)).contains("CAM-01,")
        && Files.readAllLines(dir.resolve("o").resolve(SyntheticMtmc.CAMERAS_FILE)).get(1).endsWith("CAM-02"));
    int together = 0;
    for (Map<String, double[]> seen : spans(dir.resolve("o")).values()) {
      double[] one = seen.get("CAM-01");
      double[] two = seen.get("CAM-02");
      if (one != null && two != null && one[0] < two[1] && two[0] < one[1]) {
        together++;
      }
    }
    assertTrue(together >= 2, together + " people in cameras 1 and 2 at once");
  }
}
