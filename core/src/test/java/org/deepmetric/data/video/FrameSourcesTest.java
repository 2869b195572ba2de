package org.deepmetric.data.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.deepmetric.DeepMetricException;
import org.deepmetric.infer.VideoFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSourcesTest {
  @TempDir
  Path dir;

  /** Frame {@code i}: every pixel a function of its place and i, so any mix-up shows. */
  static BufferedImage frame(int i, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bytes = Frames.bytes(image);
    for (int p = 0; p < bytes.length; p++) {
      bytes[p] = (byte) (p * 7 + i * 31 + (p / (3 * width)) * 3);
    }
    return image;
  }

  /** A lossless video: FFV1 in Matroska, BGR kept as is. */
  private Path losslessVideo(int frames) throws Exception {
    Path file = dir.resolve("lossless.mkv");
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 64, 48, 0);
         Java2DFrameConverter converter = new Java2DFrameConverter()) {
      recorder.setFormat("matroska");
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
      recorder.setPixelFormat(avutil.AV_PIX_FMT_BGR0);
      recorder.setFrameRate(25);
      recorder.start();
      for (int i = 0; i < frames; i++) {
        recorder.record(converter.convert(frame(i, 64, 48)), avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
    return file;
  }

  @Test
  void aVideoWrittenThroughFfmpegDecodesBackToTheSameFrames() throws Exception {
    Path file = losslessVideo(12);
    try (FrameSource source = FrameSources.open(file.toString())) {
      assertEquals(64, source.width());
      assertEquals(48, source.height());
      assertEquals(25, source.frameRate(), 1e-9);
      List<BufferedImage> frames = new ArrayList<>();
      for (BufferedImage f = source.next(); f != null; f = source.next()) {
        frames.add(f);
      }
      assertEquals(12, frames.size());
      for (int i = 0; i < frames.size(); i++) {
        assertArrayEquals(Frames.bytes(frame(i, 64, 48)), Frames.bytes(frames.get(i)), "frame " + i);
      }
      assertNull(source.warning());
    }
  }

  @Test
  void theAnnotatedMp4IsH264ThatFfmpegReadsBack() throws Exception {
    Path mp4 = dir.resolve("out.mp4");
    try (VideoFile video = new VideoFile(mp4, 10)) {
      for (int i = 0; i < 10; i++) {
        BufferedImage flat = new BufferedImage(65, 49, BufferedImage.TYPE_3BYTE_BGR);
        Arrays.fill(Frames.bytes(flat), (byte) (20 * i));
        video.add(flat);
      }
      video.finish();
    }
    try (FrameSource source = FrameSources.open(mp4.toString())) {
      assertEquals(64, source.width(), "odd sizes lose a column");
      assertEquals(48, source.height());
      int count = 0;
      for (BufferedImage f = source.next(); f != null; f = source.next()) {
        int grey = Frames.bytes(f)[3 * (24 * 64 + 32)] & 0xff;
        assertEquals(20 * count, grey, 6, "frame " + count + " keeps its grey level");
        count++;
      }
      assertEquals(10, count);
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of("out.mp4"), files.map(p -> p.getFileName().toString()).toList(), "no temporary left");
    }
  }

  @Test
  void aVideoCutOffInTheMiddleGivesTheFramesBeforeTheCutAndAWarning() throws Exception {
    Path file = losslessVideo(40);
    byte[] whole = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.mkv");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    try (FrameSource source = FrameSources.open(cut.toString())) {
      int count = 0;
      while (source.next() != null) {
        count++;
      }
      assertTrue(count > 5 && count < 40, count + " frames before the cut");
      assertNotNull(source.warning());
      assertTrue(source.warning().contains("cut.mkv") && source.warning().contains(String.valueOf(count)),
          source.warning());
    }
  }

  @Test
  void foldersAndGlobsOfImagesAreReadInNameOrder() throws IOException {
    Path frames = dir.resolve("frames");
    Files.createDirectories(frames);
    for (int i = 3; i >= 1; i--) {
      ImageIO.write(frame(i, 32, 16), "png", frames.resolve(String.format("%06d.png", i)).toFile());
    }
    Files.writeString(frames.resolve("notes.txt"), "not an image");
    for (String source : List.of(frames.toString(), frames.resolve("*.png").toString())) {
      try (FrameSource s = FrameSources.open(source)) {
        assertEquals(3, s.frameCount());
        for (int i = 1; i <= 3; i++) {
          assertArrayEquals(Frames.bytes(frame(i, 32, 16)), Frames.bytes(s.next()), source + " frame " + i);
        }
        assertNull(s.next());
      }
    }
    assertEquals("frames", FrameSources.sequenceName(frames.resolve("*.png").toString()));
  }

  @Test
  void badSourcesAreOneLineNamingTheSource() throws IOException {
    Path missing = dir.resolve("missing.mp4");
    assertMessage(missing.toString(), "missing.mp4: file not found");
    Path text = dir.resolve("notes.mp4");
    Files.writeString(text, "this is not a video\n");
    assertMessage(text.toString(), "notes.mp4: cannot open as video");
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    assertMessage(empty.toString(), "empty: no .jpg or .png images");
    assertMessage("rtsp://127.0.0.1:1/none", "rtsp://127.0.0.1:1/none: cannot open as video");
    assertMessage("/dev/video97", "/dev/video97: no such camera");
  }

  private static void assertMessage(String source, String expected) {
    DeepMetricException e = assertThrows(DeepMetricException.class, () -> FrameSources.open(source).close());
    assertTrue(e.getMessage().contains(expected) && !e.getMessage().contains("\n"), e.getMessage());
  }
}
