package org.deepmetric.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A panning camera moves the ground truth with the scene; the people walk as without it. */
class CameraMotionTest {
  @TempDir
  Path dir;

  private Map<String, double[]> gt(Path root) throws IOException {
    Map<String, double[]> rows = new HashMap<>();
    for (String line : Files.readAllLines(root.resolve("SYNTH-01/gt/gt.txt"))) {
      String[] f = line.split(",");
      rows.put(f[0] + "/" + f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
    }
    return rows;
  }

  @Test
  void thePanShiftsEveryTrueBoxByTheCamerasShift() throws IOException {
    SynthOptions options = new SynthOptions(6, 2, 0, 0, 5);
    SyntheticMot.write(dir.resolve("still"), options, 1, 12);
    SyntheticMot.write(dir.resolve("pan"), options, 1, 12, CameraMotion.PAN);
    Map<String, double[]> still = gt(dir.resolve("still"));
    Map<String, double[]> pan = gt(dir.resolve("pan"));
    int compared = 0;
    for (Map.Entry<String, double[]> e : pan.entrySet()) {
      double[] s = still.get(e.getKey());
      if (s == null) {
        continue;
      }
      int frame = Integer.parseInt(e.getKey().split("/")[0]);
      double[] shift = CameraMotion.PAN.at(frame, null);
      assertEquals(s[0] + shift[1], e.getValue()[0], 0.011, e.getKey());
      assertEquals(s[1] + shift[2], e.getValue()[1], 0.011, e.getKey());
      compared++;
    }
    assertTrue(compared > 30, compared + " boxes compared");
    List<String> noMotion = Files.readAllLines(dir.resolve("still/SYNTH-01/det/det.txt"));
    SyntheticMot.write(dir.resolve("none"), options, 1, 12, CameraMotion.NONE);
    assertEquals(noMotion, Files.readAllLines(dir.resolve("none/SYNTH-01/det/det.txt")), "no motion: unchanged");
  }
}
