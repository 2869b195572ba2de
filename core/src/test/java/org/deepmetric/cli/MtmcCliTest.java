package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepmetric.data.MotText;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMtmc;
import org.deepmetric.io.Npy;
import org.deepmetric.track.Box;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mtmc} on a synthetic site of three cameras, with features that tell people apart the way
 * a good re-ID model would (each detection's: the one-hot of the person it boxes plus noise),
 * written as generate-detections' .npy files.
 */
class MtmcCliTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void site() throws IOException {
    SyntheticMtmc.write(dir.resolve("site"), new SynthOptions(14, 3, 0, 0, 3), 3, 25, false);
    Random random = new Random(1);
    Files.createDirectories(dir.resolve("npy"));
    for (String camera : List.of("CAM-01", "CAM-02", "CAM-03")) {
      List<double[]> truth = MotText.read(dir.resolve("site").resolve(camera).resolve("gt/gt.txt"));
      List<double[]> found = MotText.read(dir.resolve("site").resolve(camera).resolve("det/det.txt"));
      int dim = 32;
      float[] values = new float[found.size() * (10 + dim)];
      for (int r = 0; r < found.size(); r++) {
        double[] d = found.get(r);
        Box box = new Box(d[2], d[3], d[4], d[5]);
        int person = -1;
        double best = 0.3;
        for (double[] g : truth) {
          double iou = g[0] == d[0] ? box.iou(new Box(g[2], g[3], g[4], g[5])) : 0;
          if (iou > best) {
            best = iou;
            person = (int) g[1];
          }
        }
        for (int c = 0; c < 10; c++) {
          values[r * (10 + dim) + c] = c < d.length ? (float) d[c] : -1;
        }
        for (int k = 0; k < dim; k++) {
          values[r * (10 + dim) + 10 + k] = (float) (random.nextGaussian() * 0.1 + (person >= 0
              && person % dim == k ? 1 : 0));
        }
      }
      Npy.writeFloat32(dir.resolve("npy").resolve(camera + ".npy"), values, found.size(), 10 + dim);
    }
  }

  private static double multiCameraIdf1(String results) {
    CliTest.Run score = CliTest.run("evaluate-mot", "--mot_dir=" + dir.resolve("site"), "--result_dir="
        + dir.resolve(results));
    assertEquals(0, score.status(), score.err());
    String line = score.out().lines().filter(l -> l.startsWith("multi-camera")).findFirst().orElseThrow();
    return Double.parseDouble(line.replaceAll(".*IDF1 ([0-9.]+),.*", "$1"));
  }

  @Test
  void appearanceLinkingBeatsBothBaselinesAndWritesWhatItFound() throws IOException {
    List<Double> idf1 = new ArrayList<>();
    for (String link : List.of("appearance", "none", "time")) {
      CliTest.Run run = CliTest.run("mtmc", "--mot_dir=" + dir.resolve("site"), "--detection_dir=" + dir.resolve("npy"),
          "--tracker=strongsort", "--link=" + link, "--threshold=0.5", "--output_dir=" + dir.resolve(link));
      assertEquals(0, run.status(), run.err());
      assertTrue(run.out().contains("3 cameras"), run.out());
      idf1.add(multiCameraIdf1(link));
    }
    assertTrue(idf1.get(0) > idf1.get(1) + 10 && idf1.get(0) > idf1.get(2) + 10, "IDF1 " + idf1);
    List<String> identities = Files.readAllLines(dir.resolve("appearance/identities.csv"));
    assertEquals("identity,camera,camera_id,first_s,last_s,boxes", identities.get(0));
    assertTrue(identities.stream().skip(1).map(l -> l.split(",")[0]).distinct().count() < identities.size() - 1,
        "some identity spans two cameras");
    // The same inputs give the same identities.
    CliTest.run("mtmc", "--mot_dir=" + dir.resolve("site"), "--detection_dir=" + dir.resolve("npy"),
        "--tracker=strongsort", "--threshold=0.5", "--output_dir=" + dir.resolve("again"));
    for (String file : List.of("CAM-01.txt", "CAM-03.txt", "identities.csv")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("appearance").resolve(file)),
          Files.readAllBytes(dir.resolve("again").resolve(file)), file);
    }
  }

  /**
   * Cameras given as sources (here the site's frame folders): each written to --mot_dir as a
   * MOTChallenge sequence with cameras.csv, then tracked and linked as a set already there would be.
   */
  @Test
  void camerasFromSourcesBecomeASetFirst() throws IOException {
    Path recorded = dir.resolve("recorded");
    List<String> args = new ArrayList<>(List.of("mtmc", "--mot_dir=" + recorded, "--output_dir=" + dir.resolve("rec"),
        "--tracker=bytetrack", "--link=time", "--max_frames=30", "--start_s=0", "--start_s=1.5"));
    for (String camera : List.of("CAM-01", "CAM-02")) {
      args.add("--source=" + camera.toLowerCase(java.util.Locale.ROOT) + "=" + dir.resolve("site").resolve(camera)
          .resolve("img1"));
    }
    CliTest.Run run = CliTest.run(args.toArray(String[]::new));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("cam-02: 30 frames"), run.out());
    List<String> clock = Files.readAllLines(recorded.resolve("cameras.csv"));
    assertEquals("sequence,start_s,frame_rate,overlaps", clock.get(0));
    assertTrue(clock.get(2).startsWith("cam-02,1.5,"), clock.toString());
    for (String camera : List.of("cam-01", "cam-02")) {
      try (var frames = Files.list(recorded.resolve(camera).resolve("img1"))) {
        assertEquals(30, frames.count(), camera);
      }
      assertTrue(Files.isRegularFile(recorded.resolve(camera).resolve("det/det.txt")), camera);
      assertTrue(Files.isRegularFile(dir.resolve("rec").resolve(camera + ".txt")), camera);
    }
    assertTrue(Files.isRegularFile(dir.resolve("rec/identities.csv")));
    // The folder is a set now: it is not written over, and the flags only --source uses are refused without it.
    assertEquals(2, CliTest.run(args.toArray(String[]::new)).status());
    assertEquals(2, CliTest.run("mtmc", "--mot_dir=" + dir.resolve("site"), "--output_dir=" + dir.resolve("x"),
        "--link=time", "--tracker=bytetrack", "--start_s=2").status());
    args.set(1, "--mot_dir=" + dir.resolve("recorded2"));
    args.remove("--start_s=1.5");
    CliTest.Run starts = CliTest.run(args.toArray(String[]::new));
    assertEquals(2, starts.status());
    assertTrue(starts.err().contains("give --start_s once per --source (2 sources, 1 starts)"), starts.err());
    assertFalse(Files.exists(dir.resolve("recorded2")));
  }

  /** The site's own transit windows (synth writes transits.csv) rule out links that --max_transit allows. */
  @Test
  void eachCameraPairsTransitWindowNarrowsTheLinks() throws IOException {
    List<Double> idf1 = new ArrayList<>();
    for (String transits : List.of("", "--transits=" + dir.resolve("site/transits.csv"))) {
      String out = "time-" + (transits.isEmpty() ? "any" : "pairs");
      List<String> args = new ArrayList<>(List.of("mtmc", "--mot_dir=" + dir.resolve("site"), "--tracker=bytetrack",
          "--link=time", "--max_transit=0", "--output_dir=" + dir.resolve(out)));
      if (!transits.isEmpty()) {
        args.add(transits);
      }
      CliTest.Run run = CliTest.run(args.toArray(String[]::new));
      assertEquals(0, run.status(), run.err());
      idf1.add(multiCameraIdf1(out));
    }
    assertTrue(idf1.get(1) > idf1.get(0), "IDF1 without and with the pairs' windows " + idf1);
    Path bad = dir.resolve("transits-bad.csv");
    Files.writeString(bad, "from,to,min_s,max_s\nCAM-01,CAM-09,1,3\n");
    CliTest.Run run = CliTest.run("mtmc", "--mot_dir=" + dir.resolve("site"), "--tracker=bytetrack", "--link=time",
        "--transits=" + bad, "--output_dir=" + dir.resolve("out-bad"));
    assertEquals(1, run.status());
    assertTrue(run.err().strip().endsWith("line 2: no camera CAM-09 (the set has CAM-01, CAM-02, CAM-03)"), run.err());
    Files.writeString(bad, "from,to,min_s,max_s\nCAM-01,CAM-02,5,3\n");
    run = CliTest.run("mtmc", "--mot_dir=" + dir.resolve("site"), "--tracker=bytetrack", "--link=time",
        "--transits=" + bad, "--output_dir=" + dir.resolve("out-bad"));
    assertEquals(1, run.status());
    assertTrue(run.err().contains("line 2: expected from,to,min_s,max_s with 0 <= min_s <= max_s"), run.err());
    assertFalse(Files.exists(dir.resolve("out-bad")), "nothing written");
  }

  @Test
  void badInputsAreOneLineAndWriteNothing() throws IOException {
    Path noClock = dir.resolve("no-clock");
    Files.createDirectories(noClock);
    Files.move(dir.resolve("site/CAM-03"), noClock.resolve("CAM-03"));
    try {
      CliTest.Run missing = CliTest.run("mtmc", "--mot_dir=" + noClock, "--detection_dir=" + dir.resolve("npy"),
          "--output_dir=" + dir.resolve("out1"));
      assertEquals(1, missing.status());
      assertTrue(missing.err().strip().matches("deepmetric: error: .*cameras.csv: not found;.*"), missing.err());
      Files.writeString(noClock.resolve("cameras.csv"), "sequence,start_s,frame_rate,overlaps\nCAM-01,0,10,\n");
      CliTest.Run untimed = CliTest.run("mtmc", "--mot_dir=" + noClock, "--detection_dir=" + dir.resolve("npy"),
          "--output_dir=" + dir.resolve("out2"));
      assertEquals(1, untimed.status());
      assertTrue(untimed.err().contains("no timing for sequence CAM-03"), untimed.err());
      Files.writeString(noClock.resolve("cameras.csv"), "sequence,start_s,frame_rate,overlaps\nCAM-03,0,-5,\n");
      CliTest.Run badRate = CliTest.run("mtmc", "--mot_dir=" + noClock, "--detection_dir=" + dir.resolve("npy"),
          "--output_dir=" + dir.resolve("out3"));
      assertEquals(1, badRate.status());
      assertTrue(badRate.err().contains("cameras.csv line 2"), badRate.err());
      assertFalse(Files.exists(dir.resolve("out1")) || Files.exists(dir.resolve("out2"))
          || Files.exists(dir.resolve("out3")), "nothing written");
    } finally {
      Files.move(noClock.resolve("CAM-03"), dir.resolve("site/CAM-03"));
    }
    CliTest.Run noFeatures = CliTest.run("mtmc", "--mot_dir=" + dir.resolve("site"), "--tracker=bytetrack",
        "--output_dir=" + dir.resolve("out4"));
    assertEquals(2, noFeatures.status());
    assertTrue(noFeatures.err().contains("--link appearance needs appearance features"), noFeatures.err());
  }

  /** The true tracks as the results: asked where person p went, the best tracks of the other cameras are p's. */
  @Test
  void whereDidThisPersonGo() throws IOException {
    Path truth = dir.resolve("truth");
    Files.createDirectories(truth);
    java.util.Map<Integer, java.util.Set<String>> cameras = new java.util.TreeMap<>();
    for (String camera : List.of("CAM-01", "CAM-02", "CAM-03")) {
      Path gt = dir.resolve("site").resolve(camera).resolve("gt/gt.txt");
      Files.copy(gt, truth.resolve(camera + ".txt"));
      MotText.read(gt).forEach(r -> cameras.computeIfAbsent((int) r[1], p -> new java.util.TreeSet<>()).add(camera));
    }
    int person = cameras.entrySet().stream().filter(e -> e.getValue().contains("CAM-01") && e.getValue().size() > 1)
        .findFirst().orElseThrow().getKey();
    Path picture = dir.resolve("where.jpg");
    CliTest.Run run = CliTest.run("where", "--mot_dir=" + dir.resolve("site"), "--result_dir=" + truth,
        "--detection_dir=" + dir.resolve("npy"), "--query=CAM-01:" + person, "--top_k=3",
        "--output_picture=" + picture, "--output_csv=" + dir.resolve("where.csv"));
    assertEquals(0, run.status(), run.err());
    List<String> table = run.out().lines().toList();
    assertEquals("rank,camera,track,first_s,last_s,boxes,distance", table.get(0));
    String[] best = table.get(1).split(",");
    assertEquals(String.valueOf(person), best[2], table.toString());
    assertTrue(cameras.get(person).contains(best[1]) && !best[1].equals("CAM-01"), table.toString());
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(picture.toFile());
    assertEquals(4 * (80 + 8) + 8, image.getWidth(), "the query and three tracks");
    assertTrue(Files.readAllLines(dir.resolve("where.csv")).size() > 4, "the whole ranking");
    CliTest.Run unknown = CliTest.run("where", "--mot_dir=" + dir.resolve("site"), "--result_dir=" + truth,
        "--detection_dir=" + dir.resolve("npy"), "--query=CAM-01:999");
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("has no track 999"), unknown.err());
    assertEquals(2, CliTest.run("where", "--mot_dir=" + dir.resolve("site"), "--result_dir=" + truth,
        "--detection_dir=" + dir.resolve("npy"), "--query=CAM-01").status());
    // A crop described by a model whose features are not the archive's: refused, naming both sizes.
    Path means = dir.resolve("means.onnx");
    org.deepmetric.fixtures.TinyOnnx.channelMeans(means, 256, 128);
    Path crop = dir.resolve("crop.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 80, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png", crop.toFile());
    CliTest.Run mismatch = CliTest.run("where", "--mot_dir=" + dir.resolve("site"), "--result_dir=" + truth,
        "--detection_dir=" + dir.resolve("npy"), "--model=" + means, "--query_image=" + crop,
        "--output_csv=" + dir.resolve("mismatch.csv"));
    assertEquals(1, mismatch.status());
    assertTrue(mismatch.err().contains("gives 3-d features, but the .npy files") && mismatch.err().contains("32-d"),
        mismatch.err());
    assertFalse(Files.exists(dir.resolve("mismatch.csv")));
  }

  /** Results whose sequence names are not the ground truth's: one line naming the missing file, nothing written. */
  @Test
  void resultsForOtherCamerasAreNamed() throws IOException {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("CAMERA-1.txt"), "1,1,10,10,20,40,1,-1,-1,-1\n");
    CliTest.Run run = CliTest.run("evaluate-mot", "--mot_dir=" + dir.resolve("site"), "--result_dir=" + other,
        "--csv=" + dir.resolve("other.csv"));
    assertEquals(1, run.status());
    assertTrue(run.err().strip().startsWith("deepmetric: error: ") && run.err().contains("CAM-01.txt"), run.err());
    assertFalse(Files.exists(dir.resolve("other.csv")));
  }
}
