package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.video.Frames;
import org.deepmetric.io.AtomicFiles;

/**
 * An H.264 MP4 of frames (yuv420p, which every player takes), encoded by FFmpeg with OpenH264,
 * written beside the target and renamed into place when complete. yuv420p wants even sizes:
 * odd widths and heights lose a column or row.
 */
public final class VideoFile implements AutoCloseable {
  /** OpenH264's bit rate is set, not chosen: about 4 bits per pixel-second keeps boxes and labels sharp. */
  private static final double BITS_PER_PIXEL_FRAME = 0.4;

  private final Path target;
  private final Path temp;
  private final int framesPerSecond;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();
  private FFmpegFrameRecorder recorder;
  private boolean finished;

  public VideoFile(Path target, int framesPerSecond) {
    this.target = target;
    this.framesPerSecond = framesPerSecond;
    try {
      this.temp = AtomicFiles.tempFileBeside(target);
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  public void add(BufferedImage frame) {
    BufferedImage even = Frames.bgr(frame.getWidth() % 2 == 0 && frame.getHeight() % 2 == 0 ? frame
        : frame.getSubimage(0, 0, frame.getWidth() & ~1, frame.getHeight() & ~1));
    try {
      if (recorder == null) {
        recorder = start(even.getWidth(), even.getHeight());
      }
      recorder.record(converter.convert(even), avutil.AV_PIX_FMT_BGR24);
    } catch (FrameRecorder.Exception e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  private FFmpegFrameRecorder start(int width, int height) throws FrameRecorder.Exception {
    FFmpegFrameRecorder r = new FFmpegFrameRecorder(temp.toFile(), width, height, 0);
    r.setFormat("mp4");
    r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
    r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    r.setFrameRate(framesPerSecond);
    r.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, BITS_PER_PIXEL_FRAME * width * height * framesPerSecond));
    r.start();
    return r;
  }

  /** Completes the file and puts it in place. */
  public void finish() {
    try {
      if (recorder != null) {
        recorder.stop();
        recorder.release();
        recorder = null;
      }
      AtomicFiles.moveInto(temp, target);
      finished = true;
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Drops an unfinished file. */
  @Override
  public void close() {
    if (recorder != null) {
      try {
        recorder.release();
      } catch (FrameRecorder.Exception e) {
        // Already failing or finished; the temporary file goes below.
      }
    }
    converter.close();
    if (!finished) {
      AtomicFiles.deleteQuietly(temp);
    }
  }
}
