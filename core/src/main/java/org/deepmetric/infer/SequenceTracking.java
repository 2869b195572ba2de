package org.deepmetric.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.deepmetric.io.Npy;
import org.deepmetric.track.Box;
import org.deepmetric.track.Detection;
import org.deepmetric.track.NearestNeighborMetric;
import org.deepmetric.track.NonMaxSuppression;
import org.deepmetric.track.Track;
import org.deepmetric.track.Tracker;
import java.util.Arrays;

/**
 * deep_sort_app's run over one sequence: for every frame from the first to the last, the
 * frame's detections (rows of deep_sort's N x (10 + D) detection matrix: frame, id, x, y, w, h,
 * confidence, three unused columns, then the appearance feature) lower than
 * {@code minDetectionHeight} or less confident than {@code minConfidence} are dropped, the rest
 * pass non-maximum suppression, and the tracker predicts and updates. Reported, frame by frame,
 * are the confirmed tracks matched in this or the previous frame, with the filter's box.
 */
public final class SequenceTracking {
  /** deep_sort_app's flags. */
  public record Options(double minConfidence, double nmsMaxOverlap, double minDetectionHeight,
      double maxCosineDistance, int nnBudget, Tracker.Settings tracker) {
    public static final Options DEEP_SORT = new Options(0.8, 1.0, 0, 0.2, 100, Tracker.Settings.DEEP_SORT);
  }

  /** One reported box: MOTChallenge's {@code frame,id,x,y,w,h}. */
  public record Row(int frame, int id, Box box) {}

  /** Hears each frame's reported rows as it is tracked (for pictures and progress). */
  @FunctionalInterface
  public interface FrameListener {
    void frame(int frame, List<Row> rows);
  }

  private SequenceTracking() {}

  /** Tracks frames {@code firstFrame} to {@code lastFrame}; returns every reported row in order. */
  public static List<Row> track(Npy.Matrix detections, int firstFrame, int lastFrame, Options options,
      FrameListener listener) {
    TreeMap<Integer, List<Detection>> byFrame = new TreeMap<>();
    int cols = detections.cols();
    for (int r = 0; r < detections.rows(); r++) {
      int base = r * cols;
      float[] v = detections.values();
      Box box = new Box(v[base + 2], v[base + 3], v[base + 4], v[base + 5]);
      float[] feature = Arrays.copyOfRange(v, base + 10, base + cols);
      byFrame.computeIfAbsent((int) v[base], f -> new ArrayList<>()).add(new Detection(box, v[base + 6], feature));
    }
    Online online = new Online(options);
    List<Row> rows = new ArrayList<>();
    for (int frame = firstFrame; frame <= lastFrame; frame++) {
      List<Row> frameRows = online.step(frame, byFrame.getOrDefault(frame, List.of()));
      rows.addAll(frameRows);
      listener.frame(frame, frameRows);
    }
    return rows;
  }

  /** deep_sort_app's per-frame work, one frame after another, for sources that arrive frame by frame. */
  public static final class Online {
    private final Options options;
    private final Tracker tracker;

    public Online(Options options) {
      this.options = options;
      this.tracker = new Tracker(new NearestNeighborMetric(options.maxCosineDistance(), options.nnBudget()),
          options.tracker());
    }

    /** Filters, suppresses, predicts and updates with {@code frame}'s detections; returns its reported rows. */
    public List<Row> step(int frame, List<Detection> detections) {
      List<Detection> confident = detections.stream()
          .filter(d -> d.box().h() >= options.minDetectionHeight() && d.confidence() >= options.minConfidence())
          .toList();
      List<Detection> kept = NonMaxSuppression.keep(confident, options.nmsMaxOverlap()).stream()
          .map(confident::get).toList();
      tracker.predict();
      tracker.update(kept);
      List<Row> frameRows = new ArrayList<>();
      for (Track track : tracker.tracks()) {
        if (track.isConfirmed() && track.timeSinceUpdate() <= 1) {
          frameRows.add(new Row(frame, track.id(), track.box()));
        }
      }
      return frameRows;
    }
  }
}
