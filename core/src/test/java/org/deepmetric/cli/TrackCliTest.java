package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.deepmetric.io.Npy;

/** From a briefly trained model to scored tracks, on synthetic sequences and on real footage. */
@Tag("slow")
class TrackCliTest {
  /** 150 real frames of OpenCV's vtest.avi with HOG person detections, shipped beside the project. */
  private static final Path VTEST = Path.of("..", "..", "shared", "data", "vtest-150", "VTEST-01");

  @TempDir
  static Path dir;

  static Path model;

  @BeforeAll
  static void trainAndFreeze() {
    String data = dir.resolve("market").toString();
    assertEquals(0, CliTest.run("synth", "--format=market1501", "--output_dir=" + data, "--identities=24").status());
    CliTest.Run train = CliTest.run("market1501", "--dataset_dir=" + data, "--log_dir=" + dir.resolve("logs"),
        "--run_id=r", "--batch_size=16", "--number_of_steps=15");
    assertEquals(0, train.status(), train.err());
    model = dir.resolve("model.pb");
    CliTest.Run freeze = CliTest.run("market1501", "--mode=freeze", "--log_dir=" + dir.resolve("logs"), "--run_id=r",
        "--output=" + model);
    assertEquals(0, freeze.status(), freeze.err());
  }

  @Test
  void syntheticSequencesAreTrackedAndScored() throws IOException {
    Path mot = dir.resolve("mot");
    assertEquals(0, CliTest.run("synth", "--format=mot", "--output_dir=" + mot, "--sequences=2", "--frames=40",
        "--identities=10").status());
    Path tracks = dir.resolve("tracks");
    CliTest.Run track = CliTest.run("track", "--mot_dir=" + mot, "--model=" + model, "--output_dir=" + tracks);
    assertEquals(0, track.status(), track.err());
    assertTrue(track.out().contains("SYNTH-02: 40 frames"), track.out());
    Path csv = dir.resolve("mot.csv");
    CliTest.Run score = CliTest.run("evaluate-mot", "--mot_dir=" + mot, "--result_dir=" + tracks, "--csv=" + csv);
    assertEquals(0, score.status(), score.err());
    String overall = Files.readAllLines(csv).get(3);
    assertTrue(overall.startsWith("OVERALL,"), overall);
    double mota = Double.parseDouble(overall.split(",")[1]);
    assertTrue(mota > 0.5 && mota <= 1, "a sane MOTA: " + overall);
    // StrongSORT's switches on the same features: scored like any result, HOTA in the CSV.
    Path strong = dir.resolve("strong");
    CliTest.Run strongSort = CliTest.run("track", "--tracker=strongsort", "--mot_dir=" + mot, "--model=" + model,
        "--output_dir=" + strong);
    assertEquals(0, strongSort.status(), strongSort.err());
    Path strongCsv = dir.resolve("strong.csv");
    assertEquals(0, CliTest.run("evaluate-mot", "--mot_dir=" + mot, "--result_dir=" + strong, "--csv=" + strongCsv)
        .status());
    double hota = Double.parseDouble(Files.readAllLines(strongCsv).get(3).split(",")[16]);
    assertTrue(hota > 0.4 && hota <= 1, "a sane HOTA: " + hota);

    // The same features through a .npy give the same tracks.
    Path npy = dir.resolve("npy");
    assertEquals(0, CliTest.run("generate-detections", "--model=" + model, "--mot_dir=" + mot,
        "--output_dir=" + npy).status());
    Path fromNpy = dir.resolve("from-npy.txt");
    CliTest.Run one = CliTest.run("track", "--sequence_dir=" + mot.resolve("SYNTH-01"),
        "--detection_file=" + npy.resolve("SYNTH-01.npy"), "--output_file=" + fromNpy);
    assertEquals(0, one.status(), one.err());
    assertEquals(Files.readAllLines(tracks.resolve("SYNTH-01.txt")), Files.readAllLines(fromNpy));
    assertTrue(Files.readAllLines(fromNpy).get(0).matches("\\d+,\\d+,-?\\d+\\.\\d{2},-?\\d+\\.\\d{2},\\d+\\.\\d{2},"
        + "\\d+\\.\\d{2},1,-1,-1,-1"), "deep_sort_app's row format");
  }

  @Test
  void realFootageGivesTracksThatHoldWhatCanBeCheckedWithoutGroundTruth() throws IOException {
    // CI lays shared/ beside the clone, so there a missing folder is a failure, not a skip.
    if (System.getenv("CI") != null) {
      assertTrue(Files.isDirectory(VTEST), VTEST.toAbsolutePath() + ": the shared real footage is missing in CI");
    }
    assumeTrue(Files.isDirectory(VTEST), "the shared real footage is beside the project");
    Path first = dir.resolve("vtest-a.txt");
    Path frames = dir.resolve("vtest-frames");
    Path video = dir.resolve("vtest.mp4");
    CliTest.Run run = CliTest.run("track", "--sequence_dir=" + VTEST, "--model=" + model, "--output_file=" + first,
        "--output_frames=" + frames, "--output_video=" + video);
    assertEquals(0, run.status(), run.err());
    Path second = dir.resolve("vtest-b.txt");
    assertEquals(0, CliTest.run("track", "--sequence_dir=" + VTEST, "--model=" + model, "--output_file=" + second)
        .status());
    List<String> rows = Files.readAllLines(first);
    assertEquals(rows, Files.readAllLines(second), "deterministic");
    assertFalse(rows.isEmpty());
    Map<Integer, List<Integer>> framesById = new HashMap<>();
    int lastFirstAppearance = 0;
    for (String row : rows) {
      String[] f = row.split(",");
      int frame = Integer.parseInt(f[0]);
      int id = Integer.parseInt(f[1]);
      double cx = Double.parseDouble(f[2]) + Double.parseDouble(f[4]) / 2;
      double cy = Double.parseDouble(f[3]) + Double.parseDouble(f[5]) / 2;
      assertTrue(cx >= 0 && cx <= 768 && cy >= 0 && cy <= 576, "box centre in the 768 x 576 frame: " + row);
      if (!framesById.containsKey(id)) {
        assertTrue(id > lastFirstAppearance, "ids are handed out in order and never reused: " + row);
        lastFirstAppearance = id;
        assertTrue(frame >= 3, "confirmed only after n_init = 3 matched frames: " + row);
      }
      framesById.computeIfAbsent(id, k -> new ArrayList<>()).add(frame);
    }
    for (List<Integer> seen : framesById.values()) {
      for (int k = 1; k < seen.size(); k++) {
        assertTrue(seen.get(k) - seen.get(k - 1) <= 31, "a track is deleted after max_age 30 missed frames: " + seen);
      }
    }
    try (var jpegs = Files.list(frames)) {
      assertEquals(150, jpegs.count(), "one annotated frame per frame");
    }
    byte[] mp4 = Files.readAllBytes(video);
    assertEquals("ftyp", new String(mp4, 4, 4, StandardCharsets.US_ASCII), "an MP4 file");
  }

  @Test
  void badInputIsNamedInOneLine() throws IOException {
    Path mot = dir.resolve("mot-errors");
    assertEquals(0, CliTest.run("synth", "--format=mot", "--output_dir=" + mot, "--sequences=1", "--frames=3").status());
    String sequence = "--sequence_dir=" + mot.resolve("SYNTH-01");
    String output = "--output_file=" + dir.resolve("x.txt");
    CliTest.Run noFeatures = CliTest.run("track", sequence, output);
    assertEquals(2, noFeatures.status());
    assertTrue(noFeatures.err().contains("give --detection_file or --model"), noFeatures.err());
    CliTest.Run negative = CliTest.run("track", sequence, output, "--model=x.pb", "--max_cosine_distance=-1");
    assertEquals(2, negative.status());
    assertTrue(negative.err().contains("--max_cosine_distance must be a number of at least 0.0"), negative.err());
    Path whole = dir.resolve("whole.npy");
    Npy.writeFloat32(whole, new float[3 * 138], 3, 138);
    Path truncated = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(Files.readAllBytes(whole), 300));
    CliTest.Run cut = CliTest.run("track", sequence, output, "--detection_file=" + truncated);
    assertEquals(1, cut.status());
    assertFalse(cut.err().contains("\tat "), cut.err());
    assertTrue(cut.err().contains(truncated + ": ") && cut.err().contains("truncated or padded"), cut.err());
    CliTest.Run noGt = CliTest.run("evaluate-mot", "--gt=" + dir.resolve("none.txt"), "--result=" + dir.resolve("x"));
    assertEquals(1, noGt.status());
    assertTrue(noGt.err().contains("none.txt: file not found"), noGt.err());
    Path badGt = Files.writeString(dir.resolve("bad-gt.txt"), "1,1,10,10,5\n");
    CliTest.Run bad = CliTest.run("evaluate-mot", "--gt=" + badGt, "--result=" + badGt);
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("bad-gt.txt:1: expected frame,id,x,y,w,h"), bad.err());
  }
}
