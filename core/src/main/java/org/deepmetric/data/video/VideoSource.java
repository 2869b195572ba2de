package org.deepmetric.data.video;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.deepmetric.DeepMetricException;

/** A video file, stream or camera decoded by FFmpeg (through JavaCV), frames as BGR images. */
public final class VideoSource implements FrameSource {
  /** Network reads give up after this long without data instead of hanging. */
  private static final String NETWORK_TIMEOUT_MICROS = "10000000";
  private static final Pattern FFMPEG_ERROR = Pattern.compile("(\\w+)\\(\\) error (-?\\d+)");

  static {
    // FFmpeg's own log lines (decoder complaints on a damaged file, say) would bypass the
    // toolkit's one-line errors; failures reach the user through exceptions and warning().
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
  }

  private final String name;
  private final FFmpegFrameGrabber grabber;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();
  private final int frameCount;
  private int read;
  private String warning;

  private VideoSource(String name, FFmpegFrameGrabber grabber) {
    this.name = name;
    this.grabber = grabber;
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      release(grabber);
      throw new DeepMetricException(name + ": cannot open as video (" + reason(e) + ")", e);
    }
    if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      release(grabber);
      throw new DeepMetricException(name + ": has no video stream that FFmpeg can decode");
    }
    int length = grabber.getLengthInFrames();
    this.frameCount = length > 0 ? length : -1;
  }

  /** A video file in any container and codec FFmpeg reads. */
  public static VideoSource file(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": " + (Files.exists(file) ? "not a file" : "file not found"));
    }
    return new VideoSource(file.toString(), new FFmpegFrameGrabber(file.toFile()));
  }

  /** A network stream: rtsp://, http(s)://, rtmp:// ... */
  public static VideoSource stream(String url) {
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
    grabber.setOption("rw_timeout", NETWORK_TIMEOUT_MICROS);
    if (url.startsWith("rtsp")) {
      // Over TCP: UDP loses packets behind NAT and on busy links, and decoded frames smear.
      grabber.setOption("rtsp_transport", "tcp");
    }
    return new VideoSource(url, grabber);
  }

  /** A Video4Linux camera such as /dev/video0. */
  public static VideoSource camera(String device) {
    if (!Files.exists(Path.of(device))) {
      throw new DeepMetricException(device + ": no such camera");
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device);
    grabber.setFormat("video4linux2");
    return new VideoSource(device, grabber);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int width() {
    return grabber.getImageWidth();
  }

  @Override
  public int height() {
    return grabber.getImageHeight();
  }

  @Override
  public double frameRate() {
    double rate = grabber.getFrameRate();
    return Double.isFinite(rate) && rate > 0 && rate < 1000 ? rate : 0;
  }

  @Override
  public int frameCount() {
    return frameCount;
  }

  @Override
  public BufferedImage next() {
    if (warning != null) {
      return null;
    }
    Frame frame;
    try {
      frame = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      warning = name + ": decoding stopped after frame " + read + " (" + reason(e) + ")";
      return null;
    }
    if (frame == null) {
      // Container lengths are estimates for some formats: a shortfall of a few frames is normal.
      if (frameCount > 0 && read < frameCount - Math.max(2, frameCount / 100)) {
        warning = name + ": the video ends after frame " + read + " of the " + frameCount
            + " its header announces (cut off?); the frames before are used";
      }
      return null;
    }
    read++;
    // The converter reuses its image; the frame goes on to other threads, so it gets its own.
    BufferedImage shared = converter.convert(frame);
    return Frames.bgrCopy(shared);
  }

  @Override
  public String warning() {
    return warning;
  }

  @Override
  public void close() {
    release(grabber);
    converter.close();
  }

  private static void release(FFmpegFrameGrabber grabber) {
    try {
      grabber.release();
    } catch (FrameGrabber.Exception e) {
      // Closing after a failure: nothing the caller can act on.
    }
  }

  /**
   * FFmpeg's own words for the failure ("Invalid data found when processing input", "Connection
   * refused") where JavaCV's message carries an FFmpeg error code, else the message's first line.
   */
  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher code = FFMPEG_ERROR.matcher(message);
    if (code.find()) {
      try (BytePointer text = new BytePointer(256)) {
        avutil.av_strerror(Integer.parseInt(code.group(2)), text, 256);
        byte[] bytes = new byte[256];
        text.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
          end++;
        }
        return code.group(1) + ": " + new String(bytes, 0, end, StandardCharsets.UTF_8);
      }
    }
    return message.lines().findFirst().orElse("").strip();
  }
}
