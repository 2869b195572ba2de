package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.MotText;
import org.deepmetric.data.reid.ReidNames;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Arrays;

/** Inputs that used to pass without a word: each now says what is odd about it, in one line. */
class InputWarningsTest {
  @TempDir
  static Path dir;

  static Path sequence;

  @BeforeAll
  static void sequence() {
    Path mot = dir.resolve("mot");
    assertEquals(0, CliTest.run("synth", "--format=mot", "--output_dir=" + mot, "--sequences=1", "--frames=4").status());
    sequence = mot.resolve("SYNTH-01");
  }

  private static Path npy(String name, float[][] rows) {
    float[] values = new float[rows.length * 138];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, values, r * 138, rows[r].length);
    }
    Path file = dir.resolve(name);
    Npy.writeFloat32(file, values, rows.length, 138);
    return file;
  }

  @Test
  void synthMakesNoBoxOutsideItsOwnFrames() {
    List<double[]> detections = MotText.read(sequence.resolve("det/det.txt"));
    assertTrue(detections.size() > 4, "people were detected");
    for (double[] d : detections) {
      assertTrue(d[2] >= 0 && d[3] >= 0 && d[2] + d[4] <= SyntheticMot.WIDTH && d[3] + d[5] <= SyntheticMot.HEIGHT,
          "inside the frame: " + Arrays.toString(d));
    }
  }

  @Test
  void trackWarnsOfEmptyDetectionsAndWritesAnEmptyResult() throws IOException {
    Path result = dir.resolve("empty.txt");
    CliTest.Run run = CliTest.run("track", "--sequence_dir=" + sequence, "--detection_file=" + npy("empty.npy",
        new float[0][]), "--output_file=" + result);
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("warning: SYNTH-01: no detections"), run.err());
    assertEquals("", Files.readString(result));
  }

  @Test
  void trackCountsDetectionsThatDoNotFitTheSequence() {
    float[][] rows = {
        {1, -1, 10, 10, 40, 80, 0.9f}, {2, -1, 700, 10, 40, 80, 0.9f}, {9, -1, 10, 10, 40, 80, 0.9f},
        {12, -1, 10, 400, 40, 80, 0.9f}};
    CliTest.Run run = CliTest.run("track", "--sequence_dir=" + sequence, "--detection_file=" + npy("odd.npy", rows),
        "--output_file=" + dir.resolve("odd.txt"));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("2 of 4 detections are on frames outside img1/'s 1-4"), run.err());
    assertTrue(run.err().contains("2 of 4 detection boxes lie wholly outside the 640 x 360 frame"), run.err());
  }

  @Test
  void evaluateMotWarnsOfAnEmptyResultRefusesANpyAndPrintsMotpInPercent() throws IOException {
    Path gt = sequence.resolve("gt/gt.txt");
    CliTest.Run empty = CliTest.run("evaluate-mot", "--gt=" + gt, "--result=" + Files.writeString(dir.resolve("e.txt"),
        ""));
    assertEquals(0, empty.status(), empty.err());
    assertTrue(empty.err().contains("e.txt: no tracker rows; every ground-truth box counts as a miss"), empty.err());
    CliTest.Run numpy = CliTest.run("evaluate-mot", "--gt=" + gt, "--result=" + npy("r.npy", new float[0][]));
    assertEquals(1, numpy.status());
    assertTrue(numpy.err().contains("r.npy: a NumPy .npy file; this wants MOTChallenge text"), numpy.err());
    CliTest.Run perfect = CliTest.run("evaluate-mot", "--gt=" + gt, "--result=" + gt);
    assertEquals(0, perfect.status(), perfect.err());
    assertTrue(perfect.out().contains("| gt | 100.00 | 100.00 | 100.00 | 100.00 | 100.00 | 100.00 |"),
        "HOTA, DetA, AssA, MOTA, MOTP and IDF1 in percent: " + perfect.out());
  }

  @Test
  void evaluateWithNoScorableQueryIsAnError() throws IOException {
    Path market = dir.resolve("market");
    assertEquals(0, CliTest.run("synth", "--format=market1501", "--output_dir=" + market, "--identities=6").status());
    Set<Integer> queried;
    try (Stream<Path> files = Files.list(market.resolve("query"))) {
      queried = files.map(f -> ReidNames.market1501(f).orElseThrow().personId()).collect(Collectors.toSet());
    }
    // Take every query's person out of the gallery: no query has a true match left.
    try (Stream<Path> files = Files.list(market.resolve("bounding_box_test"))) {
      for (Path f : files.toList()) {
        if (ReidNames.market1501(f).map(i -> queried.contains(i.personId())).orElse(false)) {
          Files.delete(f);
        }
      }
    }
    for (String[] split : new String[][] {{"query", "feat_query.mat"}, {"bounding_box_test", "feat_test.mat"}}) {
      List<String> names = new ArrayList<>();
      try (Stream<Path> files = Files.list(market.resolve(split[0]))) {
        files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jpg")).sorted().forEach(names::add);
      }
      float[] values = new float[names.size() * 4];
      Random random = new Random(1);
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextFloat();
      }
      MatFeatures.write(market.resolve(split[1]), new FeatureMatrix(values, names.size(), 4),
          MatFeatures.Layout.COLUMNS, names);
    }
    CliTest.Run run = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + market,
        "--features_dir=" + market, "--protocol=torchreid");
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.err().contains("none of the " + queried.size() + " queries") || run.err().contains("queries has a"),
        run.err());
  }
}
