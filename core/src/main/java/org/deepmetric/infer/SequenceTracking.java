package org.deepmetric.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.HashMap;
import java.util.TreeMap;
import org.deepmetric.track.Box;
import org.deepmetric.track.CameraCompensation;
import org.deepmetric.track.Detection;
import org.deepmetric.track.EccMotion;
import org.deepmetric.track.OnlineTracker;
import org.deepmetric.track.SparseFlowMotion;
import org.deepmetric.track.TrackedBox;
import org.deepmetric.track.TrackerAlgorithm;
import org.deepmetric.track.TrackerFactory;
import org.deepmetric.track.TrackerSettings;

/**
 * One sequence tracked frame by frame, from the first to the last, its detections given as rows
 * of deep_sort's N x (10 + D) detection matrix (frame, id, x, y, w, h, confidence, three unused
 * columns, then the appearance feature, D = 0 without one), by any {@link TrackerAlgorithm}; the
 * rows are what the tracker reports, frame by frame.
 */
public final class SequenceTracking {
  /**
   * The tracker (a {@link TrackerAlgorithm}) and its settings, whether each class is tracked on
   * its own, the camera-motion compensation, and whether a frame without any detection is
   * skipped (the tracker not called, as the evaluation scripts of ByteTrack, BoT-SORT, OC-SORT and
   * Deep OC-SORT skip a frame on which their detector returned nothing) rather than tracked.
   */
  public record Options(TrackerFactory tracker, TrackerSettings settings, boolean perClass,
      CameraCompensation cameraMotion, boolean skipEmptyFrames) {
    /** Every frame tracked. */
    public Options(TrackerFactory tracker, TrackerSettings settings, boolean perClass,
        CameraCompensation cameraMotion) {
      this(tracker, settings, perClass, cameraMotion, false);
    }
  }

  /**
   * One reported box: MOTChallenge's {@code frame,id,x,y,w,h}, the score the tracker reports (NaN
   * for deep_sort, which writes 1) and the class (-1 unless tracked per class).
   */
  public record Row(int frame, int id, Box box, double score, int classId) {}

  /** Hears each frame's reported rows as it is tracked (for pictures and progress). */
  @FunctionalInterface
  public interface FrameListener {
    void frame(int frame, List<Row> rows);
  }

  private SequenceTracking() {}

  /** Tracks frames {@code firstFrame} to {@code lastFrame}; returns every reported row in order. */
  public static List<Row> track(DetectionTable detections, int firstFrame, int lastFrame, Options options,
      double frameRate, IntFunction<BufferedImage> images, FrameListener listener) {
    TreeMap<Integer, List<Detection>> byFrame = new TreeMap<>();
    for (int r = 0; r < detections.size(); r++) {
      double[] v = detections.detections().get(r);
      byFrame.computeIfAbsent((int) v[0], f -> new ArrayList<>()).add(
          new Detection(new Box(v[2], v[3], v[4], v[5]), v[6], detections.features().get(r)));
    }
    Online online = new Online(options, frameRate);
    List<Row> rows = new ArrayList<>();
    for (int frame = firstFrame; frame <= lastFrame; frame++) {
      List<Row> frameRows = online.step(frame, byFrame.getOrDefault(frame, List.of()),
          online.wantsImages() ? images.apply(frame) : null);
      rows.addAll(frameRows);
      listener.frame(frame, frameRows);
    }
    return rows;
  }

  /**
   * The per-frame work, one frame after another, for sources that arrive frame by frame. With
   * {@code perClass}, each detection class has a tracker of its own, so tracks never mix classes,
   * and ids are numbered across classes in the order tracks are first reported.
   */
  public static final class Online {
    private final Options options;
    private final double frameRate;
    private final Map<Integer, OnlineTracker> byClass = new TreeMap<>();
    private final Map<Long, Integer> globalIds = new HashMap<>();
    private final SparseFlowMotion sparse;
    private final EccMotion ecc;
    private int framesDone;

    /** For a sequence of {@code frameRate} frames per second (ByteTrack's lost-track buffer scales with it). */
    public Online(Options options, double frameRate) {
      this.options = options;
      this.frameRate = frameRate;
      this.sparse = options.cameraMotion() == CameraCompensation.SPARSE ? new SparseFlowMotion() : null;
      this.ecc = options.cameraMotion() == CameraCompensation.ECC ? new EccMotion() : null;
    }

    /** Whether {@link #step} needs the frame's image (for camera-motion compensation). */
    public boolean wantsImages() {
      return sparse != null || ecc != null;
    }

    /**
     * Tracks {@code frame}'s detections; returns its reported rows. {@code image} (BGR) is needed
     * when {@link #wantsImages()}; a missing one counts as no camera motion.
     */
    public List<Row> step(int frame, List<Detection> detections, BufferedImage image) {
      if (options.skipEmptyFrames() && detections.isEmpty()) {
        return List.of();
      }
      double[][] warp = image == null ? null : sparse != null ? sparse.next(image) : ecc != null ? ecc.next(image)
          : null;
      if (!options.perClass()) {
        return rows(frame, byClass.computeIfAbsent(-1, c -> newTracker()).update(detections, warp), -1);
      }
      Map<Integer, List<Detection>> grouped = new TreeMap<>();
      detections.forEach(d -> grouped.computeIfAbsent(d.classId(), c -> new ArrayList<>()).add(d));
      for (int c : grouped.keySet()) {
        if (!byClass.containsKey(c)) {
          // A class first seen now gets a tracker that lived through the frames before, without
          // detections, so that its frame count (ByteTrack confirms at once only in frame 1) is the sequence's.
          OnlineTracker late = newTracker();
          for (int f = 0; f < framesDone; f++) {
            late.update(List.of(), null);
          }
          byClass.put(c, late);
        }
      }
      framesDone++;
      List<Row> rows = new ArrayList<>();
      // Every class's tracker steps every frame: tracks age and are predicted with no detections too.
      for (Map.Entry<Integer, OnlineTracker> e : byClass.entrySet()) {
        int classId = e.getKey();
        for (Row r : rows(frame, e.getValue().update(grouped.getOrDefault(classId, List.of()), warp), classId)) {
          int id = globalIds.computeIfAbsent(((long) classId << 32) | r.id(), k -> globalIds.size() + 1);
          rows.add(new Row(r.frame(), id, r.box(), r.score(), classId));
        }
      }
      return rows;
    }

    private OnlineTracker newTracker() {
      return options.tracker().create(options.settings(), frameRate);
    }

    private static List<Row> rows(int frame, List<TrackedBox> reported, int classId) {
      return reported.stream().map(t -> new Row(frame, t.id(), t.box(), t.score(), classId)).toList();
    }
  }
}
