package org.deepmetric.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.HashMap;
import java.util.TreeMap;
import org.deepmetric.io.Npy;
import org.deepmetric.track.Box;
import org.deepmetric.track.ByteTracker;
import org.deepmetric.track.EccMotion;
import org.deepmetric.track.SparseFlowMotion;
import org.deepmetric.track.Detection;
import org.deepmetric.track.NearestNeighborMetric;
import org.deepmetric.track.NonMaxSuppression;
import org.deepmetric.track.Track;
import org.deepmetric.track.Tracker;
import java.util.Arrays;

/**
 * One sequence tracked frame by frame, from the first to the last, its detections given as rows
 * of deep_sort's N x (10 + D) detection matrix (frame, id, x, y, w, h, confidence, three unused
 * columns, then the appearance feature, D = 0 without one), by one of two algorithms:
 * <ul>
 *   <li>deep_sort, as deep_sort_app runs it: detections lower than {@code minDetectionHeight} or
 *       less confident than {@code minConfidence} are dropped, the rest pass non-maximum
 *       suppression, and the tracker predicts and updates. Reported are the confirmed tracks
 *       matched in this or the previous frame, with the filter's box. StrongSORT runs the same
 *       way with its switches on ({@link Tracker.Variant#STRONG_SORT}).
 *   <li>ByteTrack, as its MOT evaluator runs it, and BoT-SORT ({@link ByteTracker}, which takes
 *       every detection and applies its own thresholds): reported are the tracks it reports whose
 *       box is larger than {@code minBoxArea} and not wider than 1.6 x its height, with their score.
 * </ul>
 */
public final class SequenceTracking {
  /** The tracking algorithms. */
  public enum Algorithm {
    DEEPSORT, STRONGSORT, BYTETRACK, BOTSORT;

    /** Whether the algorithm is ByteTrack's loop (ByteTrack, BoT-SORT), which needs no appearance model. */
    public boolean byteLoop() {
      return this == BYTETRACK || this == BOTSORT;
    }
  }

  /** The algorithm and its flags: deep_sort_app's, and ByteTrack's. */
  public record Options(Algorithm algorithm, double minConfidence, double nmsMaxOverlap, double minDetectionHeight,
      double maxCosineDistance, int nnBudget, Tracker.Settings tracker, ByteTracker.Settings byteTrack,
      double minBoxArea, boolean perClass, CameraCompensation cameraMotion) {}

  /** Camera-motion compensation: none, BoT-SORT's sparse optical flow, or StrongSORT's ECC. */
  public enum CameraCompensation { NONE, SPARSE, ECC }

  /** ByteTrack reports no box this much wider than high. */
  static final double BYTETRACK_MAX_ASPECT = 1.6;

  /**
   * One reported box: MOTChallenge's {@code frame,id,x,y,w,h}, the score ByteTrack writes (NaN
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
  public static List<Row> track(Npy.Matrix detections, int firstFrame, int lastFrame, Options options,
      double frameRate, IntFunction<BufferedImage> images, FrameListener listener) {
    TreeMap<Integer, List<Detection>> byFrame = new TreeMap<>();
    int cols = detections.cols();
    for (int r = 0; r < detections.rows(); r++) {
      int base = r * cols;
      float[] v = detections.values();
      Box box = new Box(v[base + 2], v[base + 3], v[base + 4], v[base + 5]);
      float[] feature = Arrays.copyOfRange(v, base + 10, base + cols);
      byFrame.computeIfAbsent((int) v[base], f -> new ArrayList<>()).add(new Detection(box, v[base + 6], feature));
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
    private final Map<Integer, OneClass> byClass = new TreeMap<>();
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
      double[][] warp = image == null ? null : sparse != null ? sparse.next(image) : ecc != null ? ecc.next(image)
          : null;
      if (!options.perClass()) {
        return byClass.computeIfAbsent(-1, c -> new OneClass(options, frameRate)).step(frame, detections, -1, warp);
      }
      Map<Integer, List<Detection>> grouped = new TreeMap<>();
      detections.forEach(d -> grouped.computeIfAbsent(d.classId(), c -> new ArrayList<>()).add(d));
      for (int c : grouped.keySet()) {
        if (!byClass.containsKey(c)) {
          // A class first seen now gets a tracker that lived through the frames before, without
          // detections, so that its frame count (ByteTrack confirms at once only in frame 1) is the sequence's.
          OneClass late = new OneClass(options, frameRate);
          for (int f = 0; f < framesDone; f++) {
            late.step(f + 1, List.of(), c, null);
          }
          byClass.put(c, late);
        }
      }
      framesDone++;
      List<Row> rows = new ArrayList<>();
      // Every class's tracker steps every frame: tracks age and are predicted with no detections too.
      for (Map.Entry<Integer, OneClass> e : byClass.entrySet()) {
        int classId = e.getKey();
        for (Row r : e.getValue().step(frame, grouped.getOrDefault(classId, List.of()), classId, warp)) {
          int id = globalIds.computeIfAbsent(((long) classId << 32) | r.id(), k -> globalIds.size() + 1);
          rows.add(new Row(r.frame(), id, r.box(), r.score(), classId));
        }
      }
      return rows;
    }
  }

  /** One tracker, deep_sort's (with StrongSORT's switches or not) or ByteTrack's, over one class's detections. */
  private static final class OneClass {
    private final Options options;
    private final Tracker tracker;
    private final ByteTracker byteTracker;

    OneClass(Options options, double frameRate) {
      this.options = options;
      boolean byteLoop = options.algorithm().byteLoop();
      this.tracker = byteLoop ? null : new Tracker(new NearestNeighborMetric(options.maxCosineDistance(),
          options.nnBudget()), options.tracker(), options.algorithm() == Algorithm.STRONGSORT
              ? Tracker.Variant.STRONG_SORT : Tracker.Variant.DEEP_SORT);
      this.byteTracker = byteLoop ? new ByteTracker(options.byteTrack(), frameRate) : null;
    }

    List<Row> step(int frame, List<Detection> detections, int classId, double[][] warp) {
      List<Row> rows = new ArrayList<>();
      if (byteTracker != null) {
        for (ByteTracker.Output t : byteTracker.update(detections, warp)) {
          Box b = t.box();
          if (b.w() * b.h() > options.minBoxArea() && b.w() / b.h() <= BYTETRACK_MAX_ASPECT) {
            rows.add(new Row(frame, t.id(), b, t.score(), classId));
          }
        }
        return rows;
      }
      List<Detection> confident = detections.stream()
          .filter(d -> d.box().h() >= options.minDetectionHeight() && d.confidence() >= options.minConfidence())
          .toList();
      List<Detection> kept = NonMaxSuppression.keep(confident, options.nmsMaxOverlap()).stream()
          .map(confident::get).toList();
      if (warp != null) {
        tracker.cameraUpdate(warp);
      }
      tracker.predict();
      tracker.update(kept);
      for (Track track : tracker.tracks()) {
        if (track.isConfirmed() && track.timeSinceUpdate() <= 1) {
          rows.add(new Row(frame, track.id(), track.box(), Double.NaN, classId));
        }
      }
      return rows;
    }
  }
}
