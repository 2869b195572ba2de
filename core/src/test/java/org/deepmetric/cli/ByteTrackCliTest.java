package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trackers that need no appearance model on det.txt alone: their evaluators' rows, HOTA, exact thresholds. */
class ByteTrackCliTest {
  @TempDir
  Path dir;

  @Test
  void trackersWithoutAppearanceNeedNoModelAndWriteTheirEvaluatorsRows() throws IOException {
    Path mot = dir.resolve("mot");
    assertEquals(0, CliTest.run("synth", "--format=mot", "--output_dir=" + mot, "--sequences=1", "--frames=60")
        .status());
    Path sequence = mot.resolve("SYNTH-01");
    Path results = dir.resolve("bytetrack.txt");
    for (String tracker : List.of("bytetrack", "ocsort")) {
      CliTest.Run run = CliTest.run("track", "--tracker=" + tracker, "--sequence_dir=" + sequence,
          "--output_file=" + results);
      assertEquals(0, run.status(), run.err());
      List<String> rows = Files.readAllLines(results);
      assertTrue(rows.size() > 100, tracker + ": " + rows.size() + " rows");
      // The evaluators: box values to one decimal, the score to two, as numpy rounds and Python prints them.
      assertTrue(rows.stream().allMatch(r -> r.matches("\\d+,\\d+(,-?\\d+\\.\\d){4},[01]\\.\\d{1,2},-1,-1,-1")),
          rows.get(0));
      CliTest.Run score = CliTest.run("evaluate-mot", "--gt=" + sequence.resolve("gt/gt.txt"), "--result=" + results,
          "--csv=" + dir.resolve("s.csv"));
      assertEquals(0, score.status(), score.err());
      String[] header = Files.readAllLines(dir.resolve("s.csv")).get(0).split(",");
      String[] figures = Files.readAllLines(dir.resolve("s.csv")).get(1).split(",");
      assertEquals("HOTA", header[16]);
      double mota = Double.parseDouble(figures[1]);
      double hota = Double.parseDouble(figures[16]);
      assertTrue(mota > 0.7 && hota > 0.6, tracker + ": MOTA " + mota + ", HOTA " + hota);
    }

    CliTest.Run unknown = CliTest.run("track", "--tracker=sort", "--sequence_dir=" + sequence,
        "--output_file=" + results);
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains(
        "'sort' is not one of deepsort, strongsort, bytetrack, botsort, ocsort, deepocsort"), unknown.err());
    CliTest.Run deepSortAlone = CliTest.run("track", "--sequence_dir=" + sequence, "--output_file=" + results);
    assertEquals(2, deepSortAlone.status());
    assertTrue(deepSortAlone.err().contains("give --detection_file or --model"), deepSortAlone.err());
    CliTest.Run badCmc = CliTest.run("track", "--tracker=ocsort", "--cmc=ecc", "--sequence_dir=" + sequence,
        "--output_file=" + results);
    assertEquals(2, badCmc.status());
    assertTrue(badCmc.err().contains("--cmc is for --tracker strongsort, botsort or deepocsort"), badCmc.err());
  }

  /**
   * det.txt's scores compared as the authors' code compares them, in double precision: one
   * person, standing still, detected with scores 0.7, 0.6, 0.1, then 1.8 (an SVM margin).
   */
  @Test
  void scoresAtTheThresholdsAndAboveOneFallAsInTheReferenceCode() throws IOException {
    Path sequence = dir.resolve("EDGE-01");
    Files.createDirectories(sequence.resolve("img1"));
    Files.createDirectories(sequence.resolve("det"));
    Files.writeString(sequence.resolve("seqinfo.ini"), "[Sequence]\nname=EDGE-01\nimDir=img1\nframeRate=30\n"
        + "seqLength=4\nimWidth=640\nimHeight=480\nimExt=.jpg\n");
    Files.writeString(sequence.resolve("det/det.txt"), "1,-1,100,100,50,120,0.7,-1,-1,-1\n"
        + "2,-1,100,100,50,120,0.6,-1,-1,-1\n3,-1,100,100,50,120,0.1,-1,-1,-1\n4,-1,100,100,50,120,1.8,-1,-1,-1\n");
    Path results = dir.resolve("edge.txt");
    assertEquals(0, CliTest.run("track", "--tracker=bytetrack", "--sequence_dir=" + sequence,
        "--output_file=" + results).status());
    // 0.7 >= track_thresh + 0.1 starts a track in frame 1 (float32's 0.69999999 would not); 0.6 is
    // not above 0.6, nor is 0.1 above 0.1, so the track is lost in frames 2 and 3 (float32's
    // 0.60000002 would keep it); 1.8 gives a negative fused cost, 1 - IoU x 1.8, and finds it again.
    assertEquals(List.of("1,1,100.0,100.0,50.0,120.0,0.7,-1,-1,-1", "4,1,100.0,100.0,50.0,120.0,1.8,-1,-1,-1"),
        Files.readAllLines(results));
    assertEquals(0, CliTest.run("track", "--tracker=ocsort", "--sequence_dir=" + sequence,
        "--output_file=" + results).status());
    // OC-SORT: 0.6 is not above det_thresh 0.6, so frame 2 has no detection; its first frames
    // report every track observed (frame_count <= min_hits), frame 4 not (one hit after the gap).
    assertEquals(List.of("1,1,100.0,100.0,50.0,120.0,0.7,-1,-1,-1"), Files.readAllLines(results));
  }
}
