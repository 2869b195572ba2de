package org.deepmetric.infer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.Npy;
import org.deepmetric.io.Progress;

/**
 * Tracks one MOTChallenge sequence and writes what deep_sort_app, show_results.py and
 * generate_videos.py would: the result file ({@code frame,id,x,y,w,h,1,-1,-1,-1}, boxes to two
 * decimals), and on request annotated JPEG frames and an MP4. The frames run from the first to the
 * last image in {@code img1/}, or, without images, from the first to the last detection.
 */
public final class TrackingJob {
  private static final Pattern FRAME_RATE = Pattern.compile("(?m)^\\s*frameRate\\s*=\\s*(\\d+)");

  /** Where to write; {@code framesDir} and {@code video} may be null. */
  public record Outputs(Path results, Path framesDir, Path video) {}

  /** What a run did: frames, reported rows, distinct ids and seconds of tracking. */
  public record Summary(int frames, int rows, long ids, double seconds) {
    public double framesPerSecond() {
      return frames / seconds;
    }
  }

  private TrackingJob() {}

  public static Summary run(Path sequenceDir, Npy.Matrix detections, SequenceTracking.Options options, Outputs outputs,
      PrintWriter err) {
    java.util.TreeMap<Integer, Path> frames = MotSequence.frames(sequenceDir);
    int first;
    int last;
    if (!frames.isEmpty()) {
      first = frames.firstKey();
      last = frames.lastKey();
    } else {
      first = Integer.MAX_VALUE;
      last = 0;
      for (int r = 0; r < detections.rows(); r++) {
        int frame = (int) detections.values()[r * detections.cols()];
        first = Math.min(first, frame);
        last = Math.max(last, frame);
      }
    }
    if (first > last) {
      throw new DeepMetricException(sequenceDir + ": no frames in img1/ and no detections: nothing to track");
    }
    if ((outputs.framesDir() != null || outputs.video() != null) && frames.isEmpty()) {
      throw new DeepMetricException(sequenceDir.resolve("img1") + ": no frames to draw the tracks on");
    }
    String name = sequenceDir.getFileName().toString();
    long started = System.nanoTime();
    List<SequenceTracking.Row> rows;
    try (Progress progress = Progress.start(err, name, 0, Math.max(0, last - first + 1));
         VideoFile video = outputs.video() == null ? null : new VideoFile(outputs.video(), frameRate(sequenceDir))) {
      int[] done = {0};
      rows = SequenceTracking.track(detections, first, last, options, (frame, frameRows) -> {
        done[0]++;
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.stepTo(done[0], String.format(Locale.ROOT, "%.1f frames/s", done[0] / Math.max(seconds, 1e-9)));
        if (outputs.framesDir() != null || video != null) {
          Path image = frames.get(frame);
          if (image != null) {
            var painted = TrackPainter.paint(Images.read(image), frameRows);
            if (outputs.framesDir() != null) {
              writeJpeg(painted, outputs.framesDir().resolve(String.format(Locale.ROOT, "%06d.jpg", frame)));
            }
            if (video != null) {
              video.add(painted);
            }
          }
        }
      });
      if (video != null) {
        video.finish();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    StringBuilder text = new StringBuilder();
    for (SequenceTracking.Row row : rows) {
      text.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,1,-1,-1,-1%n", row.frame(), row.id(),
          row.box().x(), row.box().y(), row.box().w(), row.box().h()));
    }
    AtomicFiles.writeString(outputs.results(), text.toString());
    return new Summary(last - first + 1, rows.size(), rows.stream().mapToInt(SequenceTracking.Row::id).distinct().count(),
        seconds);
  }

  private static int frameRate(Path sequenceDir) {
    Path info = sequenceDir.resolve("seqinfo.ini");
    try {
      if (Files.isRegularFile(info)) {
        Matcher m = FRAME_RATE.matcher(Files.readString(info));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new DeepMetricException(info + ": cannot read (" + e.getMessage() + ")", e);
    }
    return 30;
  }

  private static void writeJpeg(java.awt.image.BufferedImage image, Path file) {
    AtomicFiles.write(file, out -> {
      if (!javax.imageio.ImageIO.write(image, "jpg", out)) {
        throw new IOException("no JPEG writer");
      }
    });
  }
}
