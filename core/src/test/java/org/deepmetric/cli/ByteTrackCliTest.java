package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code track --tracker bytetrack} on a synthetic sequence's det.txt alone, scored with HOTA. */
class ByteTrackCliTest {
  @TempDir
  Path dir;

  @Test
  void byteTrackNeedsNoModelAndWritesItsEvaluatorsRows() throws IOException {
    Path mot = dir.resolve("mot");
    assertEquals(0, CliTest.run("synth", "--format=mot", "--output_dir=" + mot, "--sequences=1", "--frames=60")
        .status());
    Path sequence = mot.resolve("SYNTH-01");
    Path results = dir.resolve("bytetrack.txt");
    CliTest.Run run = CliTest.run("track", "--tracker=bytetrack", "--sequence_dir=" + sequence,
        "--output_file=" + results);
    assertEquals(0, run.status(), run.err());
    List<String> rows = Files.readAllLines(results);
    assertTrue(rows.size() > 100, rows.size() + " rows");
    // ByteTrack's evaluator: box values to one decimal, the score to two, as Python's round prints them.
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
    assertTrue(mota > 0.7 && hota > 0.6, "MOTA " + mota + ", HOTA " + hota);

    CliTest.Run unknown = CliTest.run("track", "--tracker=sort", "--sequence_dir=" + sequence,
        "--output_file=" + results);
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("'sort' is not one of deepsort, strongsort, bytetrack, botsort"), unknown.err());
    CliTest.Run deepSortAlone = CliTest.run("track", "--sequence_dir=" + sequence, "--output_file=" + results);
    assertEquals(2, deepSortAlone.status());
    assertTrue(deepSortAlone.err().contains("give --detection_file or --model"), deepSortAlone.err());
  }
}
