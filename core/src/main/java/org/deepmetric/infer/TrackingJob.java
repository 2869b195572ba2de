package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.data.video.Frames;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.track.Box;
import org.deepmetric.io.Npy;
import org.deepmetric.io.Progress;

/**
 * Tracks one MOTChallenge sequence and writes what deep_sort_app, show_results.py and
 * generate_videos.py would: the result file ({@code frame,id,x,y,w,h,1,-1,-1,-1}, boxes to two
 * decimals), and on request annotated JPEG frames and an MP4. The frames run from the first to the
 * last image in {@code img1/}, or, without images, from the first to the last detection.
 */
public final class TrackingJob {
  /** Where to write; {@code framesDir} and {@code video} may be null. */
  public record Outputs(Path results, Path framesDir, Path video) {}

  /** What a run did: frames, reported rows, distinct ids and seconds of tracking. */
  public record Summary(int frames, int rows, long ids, double seconds) {
    public double framesPerSecond() {
      return frames / seconds;
    }
  }

  private TrackingJob() {}

  /**
   * Tracks the sequence and writes {@code outputs}; detections that cannot be tracked as given (none
   * at all, on frames the sequence lacks, wholly outside the frame) are tracked as they are, with
   * one warning each on {@code err}.
   */
  public static Summary run(Path sequenceDir, DetectionTable detections, SequenceTracking.Options options, Outputs outputs,
      PrintWriter err) {
    TreeMap<Integer, Path> frames = MotSequence.frames(sequenceDir);
    int[] range = frameRange(sequenceDir, frames, detections);
    if ((outputs.framesDir() != null || outputs.video() != null) && frames.isEmpty()) {
      throw new DeepMetricException(sequenceDir.resolve("img1") + ": no frames to draw the tracks on");
    }
    SeqInfo info = SeqInfo.read(sequenceDir);
    warnAboutDetections(sequenceDir, detections, frames.isEmpty() ? null : range, info, err);
    long started = System.nanoTime();
    List<SequenceTracking.Row> rows = track(sequenceDir, detections, range, frames, info, options, outputs, err);
    double seconds = (System.nanoTime() - started) / 1e9;
    writeResults(rows, outputs.results());
    return new Summary(range[1] - range[0] + 1, rows.size(),
        rows.stream().mapToInt(SequenceTracking.Row::id).distinct().count(), seconds);
  }

  /** The first and last frame: img1/'s, or without images the detections'. */
  static int[] frameRange(Path sequenceDir, TreeMap<Integer, Path> frames, DetectionTable detections) {
    if (!frames.isEmpty()) {
      return new int[] {frames.firstKey(), frames.lastKey()};
    }
    int first = Integer.MAX_VALUE;
    int last = 0;
    for (double[] d : detections.detections()) {
      int frame = (int) d[0];
      first = Math.min(first, frame);
      last = Math.max(last, frame);
    }
    if (first > last) {
      throw new DeepMetricException(sequenceDir + ": no frames in img1/ and no detections: nothing to track");
    }
    return new int[] {first, last};
  }

  /**
   * One warning per kind of detection that cannot be what the user meant: none at all, rows on
   * frames outside {@code range} (null: the detections made the range), boxes wholly outside the
   * frame that seqinfo.ini describes.
   */
  static void warnAboutDetections(Path sequenceDir, DetectionTable detections, int[] range, SeqInfo info,
      PrintWriter err) {
    String name = sequenceDir.getFileName().toString();
    if (detections.size() == 0) {
      err.println("warning: " + name + ": no detections (det/det.txt or the .npy is empty); the result will be empty");
      err.flush();
      return;
    }
    int offFrames = 0;
    int outside = 0;
    for (double[] d : detections.detections()) {
      int frame = (int) d[0];
      if (range != null && (frame < range[0] || frame > range[1])) {
        offFrames++;
      }
      double x = d[2];
      double y = d[3];
      if (info.width() > 0 && (x + d[4] <= 0 || y + d[5] <= 0 || x >= info.width() || y >= info.height())) {
        outside++;
      }
    }
    if (offFrames > 0) {
      err.printf(Locale.ROOT, "warning: %s: %d of %d detections are on frames outside img1/'s %d-%d; they are never"
          + " tracked%n", name, offFrames, detections.size(), range[0], range[1]);
    }
    if (outside > 0) {
      err.printf(Locale.ROOT, "warning: %s: %d of %d detection boxes lie wholly outside the %d x %d frame of %s%n",
          name, outside, detections.size(), info.width(), info.height(), SeqInfo.FILE);
    }
    err.flush();
  }

  private static List<SequenceTracking.Row> track(Path sequenceDir, DetectionTable detections, int[] range,
      TreeMap<Integer, Path> frames, SeqInfo info, SequenceTracking.Options options, Outputs outputs, PrintWriter err) {
    long started = System.nanoTime();
    try (Progress progress = Progress.start(err, sequenceDir.getFileName().toString(), 0,
             Math.max(0, range[1] - range[0] + 1));
         VideoFile video = outputs.video() == null ? null : new VideoFile(outputs.video(), info.frameRate())) {
      int[] done = {0};
      List<SequenceTracking.Row> rows = SequenceTracking.track(detections, range[0], range[1], options,
          info.frameRate(), f -> frames.containsKey(f) ? Frames.bgr(Images.read(frames.get(f))) : null,
          (frame, frameRows) -> {
            done[0]++;
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.stepTo(done[0], String.format(Locale.ROOT, "%.1f frames/s", done[0] / Math.max(seconds, 1e-9)));
            Path image = frames.get(frame);
            if (image != null && (outputs.framesDir() != null || video != null)) {
              draw(TrackPainter.paint(Images.read(image), frameRows), frame, outputs.framesDir(), video);
            }
          });
      if (video != null) {
        video.finish();
      }
      return rows;
    }
  }

  private static void draw(BufferedImage painted, int frame, Path framesDir, VideoFile video) {
    if (framesDir != null) {
      writeJpeg(painted, framesDir.resolve(String.format(Locale.ROOT, "%06d.jpg", frame)));
    }
    if (video != null) {
      video.add(painted);
    }
  }

  /**
   * MOTChallenge rows, written atomically: deep_sort_app's ({@code frame,id,x,y,w,h,1,-1,-1,-1},
   * boxes to two decimals) or, for rows with a score, ByteTrack's and OC-SORT's evaluators' (box
   * values and score rounded as numpy rounds to 1 and 2 decimals: {@code frame,id,x,y,w,h,score,-1,-1,-1});
   * tracked per class, the class is the eighth column instead of -1.
   */
  static void writeResults(List<SequenceTracking.Row> rows, Path file) {
    StringBuilder text = new StringBuilder();
    for (SequenceTracking.Row row : rows) {
      Box b = row.box();
      if (Double.isNaN(row.score())) {
        text.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,1,%d,-1,-1%n", row.frame(), row.id(),
            b.x(), b.y(), b.w(), b.h(), row.classId()));
      } else {
        text.append(row.frame()).append(',').append(row.id()).append(',').append(round(b.x(), 1)).append(',')
            .append(round(b.y(), 1)).append(',').append(round(b.w(), 1)).append(',').append(round(b.h(), 1))
            .append(',').append(round(row.score(), 2)).append(',').append(row.classId()).append(",-1,-1")
            .append(System.lineSeparator());
      }
    }
    AtomicFiles.writeString(file, text.toString());
  }

  /**
   * round(value, digits) of a numpy float64, as the evaluators' str.format prints it: numpy scales
   * by 10^digits, rounds half to even and scales back (so 189.05, stored just above, gives 189.0
   * where Python's float round gives 189.1), and the result prints as its shortest repr.
   */
  static String round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Double.toString(Math.rint(value * scale) / scale);
  }

  static void writeJpeg(BufferedImage image, Path file) {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "jpg", out)) {
        throw new IOException("no JPEG writer");
      }
    });
  }
}
