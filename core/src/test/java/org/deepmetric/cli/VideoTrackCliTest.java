package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepmetric.data.video.FrameSource;
import org.deepmetric.data.video.FrameSources;
import org.deepmetric.fixtures.TinyOnnx;
import org.deepmetric.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code track --source}: the shared VTEST-01 frames as a folder of images, HOG, and a tiny
 * torchreid-layout ONNX model (channel means) standing in for OSNet.
 */
class VideoTrackCliTest {
  static final Path VTEST = Path.of("..", "..", "shared", "data", "vtest-150", "VTEST-01");
  static final int FRAMES = 12;

  @TempDir
  static Path dir;

  static Path model;

  @BeforeAll
  static void model() {
    model = dir.resolve("means.onnx");
    TinyOnnx.channelMeans(model, 64, 32);
  }

  private static void requireFootage() {
    if (System.getenv("CI") != null) {
      assertTrue(Files.isDirectory(VTEST), VTEST.toAbsolutePath() + ": the shared real footage is missing in CI");
    }
    assumeTrue(Files.isDirectory(VTEST), "the shared real footage is beside the project");
  }

  @Test
  void aFolderOfFramesBecomesTracksAVideoAndASequenceThatDeepSortReplays() throws IOException {
    requireFootage();
    Path results = dir.resolve("vtest.txt");
    Path saved = dir.resolve("saved");
    Path video = dir.resolve("vtest.mp4");
    CliTest.Run run = CliTest.run("track", "--source=" + VTEST.resolve("img1"), "--model=" + model,
        "--max_frames=" + FRAMES, "--output_file=" + results, "--output_video=" + video, "--save_sequence=" + saved);
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("HOG people detector, appearance model means.onnx"), run.out());
    assertTrue(run.out().contains("img1: " + FRAMES + " frames"), run.out());
    List<String> rows = Files.readAllLines(results);
    assertFalse(rows.isEmpty(), "people are tracked");
    assertTrue(rows.stream().allMatch(r -> r.matches("\\d+,\\d+(,-?\\d+\\.\\d{2}){4},1,-1,-1,-1")), rows.get(0));

    // The sequence: every frame, every detection (HOG's, as det.txt has them), features beside.
    try (var images = Files.list(saved.resolve("img1"))) {
      assertEquals(FRAMES, images.count());
    }
    String info = Files.readString(saved.resolve("seqinfo.ini"));
    assertTrue(info.contains("name=img1") && info.contains("seqLength=" + FRAMES) && info.contains("imWidth=768")
        && info.contains("imHeight=576"), info);
    List<String> det = Files.readAllLines(saved.resolve("det/det.txt"));
    assertTrue(run.out().contains(det.size() + " detections"), run.out());
    Npy.Matrix npy = Npy.read(saved.resolve("det/img1.npy"));
    assertEquals(det.size(), npy.rows());
    assertEquals(10 + 3, npy.cols(), "det.txt's ten columns, then the model's three features");
    // deep_sort_app.py --sequence_dir saved --detection_file saved/det/img1.npy: the same tracks.
    Path replay = dir.resolve("replay.txt");
    CliTest.Run again = CliTest.run("track", "--sequence_dir=" + saved, "--detection_file=" + saved.resolve(
        "det/img1.npy"), "--min_confidence=0", "--output_file=" + replay);
    assertEquals(0, again.status(), again.err());
    assertEquals(rows, Files.readAllLines(replay));

    try (FrameSource mp4 = FrameSources.open(video.toString())) {
      int count = 0;
      while (mp4.next() != null) {
        count++;
      }
      assertEquals(FRAMES, count, "one video frame per frame tracked");
    }
  }

  @Test
  void aSourceWithNobodyInItIsAnEmptyResultAndANote() throws IOException {
    Path blank = dir.resolve("blank");
    Files.createDirectories(blank);
    for (int i = 1; i <= 3; i++) {
      ImageIO.write(new BufferedImage(160, 240, BufferedImage.TYPE_3BYTE_BGR), "png",
          blank.resolve(i + ".png").toFile());
    }
    Path results = dir.resolve("blank.txt");
    CliTest.Run run = CliTest.run("track", "--source=" + blank, "--output_file=" + results);
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("found nobody in 3 frames; the result is empty"), run.err());
    assertEquals("", Files.readString(results));
  }

  @Test
  void badSourcesAndFlagsAreOneLineAndLeaveNothingBehind() throws IOException {
    Path out = dir.resolve("bad");
    Files.createDirectories(out);
    Path notVideo = out.resolve("notes.mp4");
    Files.writeString(notVideo, "not a video");
    assertError(1, "missing.mp4: file not found", "track", "--source=" + out.resolve("missing.mp4"),
        "--output_file=" + out.resolve("r.txt"), "--save_sequence=" + out.resolve("seq"));
    assertError(1, "notes.mp4: cannot open as video", "track", "--source=" + notVideo,
        "--output_file=" + out.resolve("r.txt"));
    assertError(2, "--detector must be hog or a YOLO .onnx file", "track", "--source=" + notVideo,
        "--detector=yolo", "--output_file=" + out.resolve("r.txt"));
    assertError(2, "--detector_scale must be in (0, 4]", "track", "--source=" + notVideo, "--detector_scale=5",
        "--output_file=" + out.resolve("r.txt"));
    assertError(2, "--save_sequence is for --source", "track", "--sequence_dir=" + out, "--detection_file=x.npy",
        "--output_file=" + out.resolve("r.txt"), "--save_sequence=" + out.resolve("seq"));
    assertError(2, "give --output_file", "track", "--source=" + notVideo);
    try (var left = Files.list(out)) {
      assertEquals(List.of("notes.mp4"), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  private static void assertError(int status, String fragment, String... args) {
    CliTest.Run run = CliTest.run(args);
    assertEquals(status, run.status(), run.err());
    assertTrue(run.err().contains(fragment), "'" + fragment + "' missing from: " + run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
  }
}
