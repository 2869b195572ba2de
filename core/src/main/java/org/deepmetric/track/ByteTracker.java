package org.deepmetric.track;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ByteTrack (Zhang et al., 2022) as its reference BYTETracker computes it and its MOT evaluator
 * reports it, frame by frame:
 * <ol>
 *   <li>Detections above {@code trackThresh} are high, those above 0.1 and below it low.
 *   <li>Confirmed and lost tracks, predicted by deep_sort's Kalman filter (a lost track's height
 *       velocity set to 0 first), are matched to the high detections by IoU distance fused with
 *       the detection score (1 - IoU x score), at most {@code matchThresh}.
 *   <li>Confirmed tracks left over are matched to the low detections by IoU distance, at most
 *       0.5; those still left become lost.
 *   <li>Unconfirmed tracks (created last frame) are matched to the high detections left, fused
 *       cost at most 0.7; the rest are removed.
 *   <li>High detections left with score at least {@code trackThresh + 0.1} start tracks
 *       (confirmed at once in the first frame); lost tracks unseen for more than the buffer,
 *       {@code trackBuffer} x frame rate / 30 frames, are removed; a tracked and a lost track
 *       closer than 0.15 in IoU distance keep only the older.
 *   <li>Reported are the confirmed tracks (BoT-SORT: every tracked one) whose filter box is larger
 *       than {@code minBoxArea} and not wider than 1.6 x its height, with their last score.
 * </ol>
 * IoU counts pixels inclusively (x2 - x1 + 1), as its cython_bbox does; assignments are lap.lapjv's
 * with a cost limit ({@link CostLimitedAssignment}). Ids start at 1 and are taken by every track
 * started, confirmed or not. BoT-SORT's BoTSORT.update is the same loop with the differences its
 * {@link Settings} name, and its camera-motion compensation when given a warp
 * ({@link SparseFlowMotion} estimates one).
 */
public final class ByteTracker implements OnlineTracker {
  /**
   * The flags of ByteTrack ({@code --track_thresh}, {@code --match_thresh}, {@code --track_buffer};
   * new tracks from the threshold + 0.1) or BoT-SORT (also {@code --new_track_thresh}, its
   * (x, y, w, h) filter, appearance fused into the cost where IoU distance is at most
   * {@code proximityThresh} and half the cosine distance at most {@code appearanceThresh},
   * EMA features with {@code emaAlpha}, unconfirmed tracks reported too). NaN turns a part off.
   * {@code minBoxArea}: the evaluators' --min_box_area.
   */
  public record Settings(double trackThresh, double matchThresh, int trackBuffer, double newTrackThresh,
      KalmanFilter.Measurement measurement, double proximityThresh, double appearanceThresh, double emaAlpha,
      boolean reportUnconfirmed, double minBoxArea) {
    public static final Settings BYTETRACK = byteTrack(0.6, 0.9, 30, 100);
    public static final Settings BOTSORT = botSort(0.6, 0.8, 30, 0.7, 10);

    public static Settings byteTrack(double trackThresh, double matchThresh, int trackBuffer, double minBoxArea) {
      return new Settings(trackThresh, matchThresh, trackBuffer, trackThresh + 0.1, KalmanFilter.Measurement.XYAH,
          Double.NaN, Double.NaN, Double.NaN, false, minBoxArea);
    }

    /** BoT-SORT's defaults besides these: proximity 0.5, appearance 0.25, EMA alpha 0.9. */
    public static Settings botSort(double trackThresh, double matchThresh, int trackBuffer, double newTrackThresh,
        double minBoxArea) {
      return new Settings(trackThresh, matchThresh, trackBuffer, newTrackThresh, KalmanFilter.Measurement.XYWH, 0.5,
          0.25, 0.9, true, minBoxArea);
    }
  }

  /** The evaluators report no box wider than this many times its height. */
  public static final double MAX_ASPECT = 1.6;

  private enum Stage { TRACKED, LOST, REMOVED }

  private static final double LOW_THRESH = 0.1;
  private static final double SECOND_MATCH = 0.5;
  private static final double UNCONFIRMED_MATCH = 0.7;
  private static final double DUPLICATE_DISTANCE = 0.15;

  private final class STrack {
    KalmanFilter.State estimate;
    final Box firstBox;
    /** The detection's own feature, normalised (null: none, as low-score detections have). */
    final float[] current;
    /** The track's moving-average feature (null: none). */
    float[] smooth;
    double score;
    int id;
    Stage stage = Stage.TRACKED;
    boolean activated;
    int frame;
    int startFrame;

    STrack(Box box, double score, float[] feature) {
      this.firstBox = box;
      this.score = score;
      this.current = feature == null || feature.length == 0 || Double.isNaN(settings.emaAlpha()) ? null
          : FeatureEma.normalised(feature);
      this.smooth = current;
    }

    Box box() {
      if (estimate == null) {
        return firstBox;
      }
      return settings.measurement() == KalmanFilter.Measurement.XYWH ? Box.fromXywh(estimate.mean())
          : Box.fromXyah(estimate.mean());
    }

    double[] measurement(Box box) {
      return settings.measurement() == KalmanFilter.Measurement.XYWH ? box.toXywh() : box.toXyah();
    }

    void activate(int frameId) {
      id = ++lastId;
      estimate = filter.initiate(measurement(firstBox));
      stage = Stage.TRACKED;
      activated = frameId == 1;
      frame = frameId;
      startFrame = frameId;
    }

    void update(STrack detection, int frameId) {
      frame = frameId;
      estimate = filter.update(estimate, measurement(detection.firstBox));
      if (detection.current != null) {
        smooth = FeatureEma.update(smooth, detection.current, settings.emaAlpha());
      }
      stage = Stage.TRACKED;
      activated = true;
      score = detection.score;
    }
  }

  private final KalmanFilter filter;
  private final Settings settings;
  private final int maxTimeLost;
  private List<STrack> tracked = new ArrayList<>();
  private List<STrack> lost = new ArrayList<>();
  /** Ids of every track removed so far. */
  private final Set<Integer> removed = new HashSet<>();
  private int frameId;
  private int lastId;

  /** A tracker for a sequence of {@code frameRate} frames per second. */
  public ByteTracker(Settings settings, double frameRate) {
    this.settings = settings;
    this.filter = new KalmanFilter(settings.measurement());
    this.maxTimeLost = (int) (frameRate / 30.0 * settings.trackBuffer());
  }

  /**
   * Tracks the next frame's detections. A {@code warp} moves every predicted track and every
   * unconfirmed one first (BoT-SORT's camera-motion compensation).
   */
  @Override
  public List<TrackedBox> update(List<Detection> detections, double[][] warp) {
    frameId++;
    List<STrack> high = new ArrayList<>();
    List<STrack> low = new ArrayList<>();
    for (Detection d : detections) {
      // The reference takes (x1, y1, x2, y2) and turns them back into (x, y, w, h): w = (x + w) - x,
      // which can differ from w in the last bit, and so in the last printed decimal.
      Box b = d.box();
      Box box = new Box(b.x(), b.y(), (b.x() + b.w()) - b.x(), (b.y() + b.h()) - b.y());
      if (d.confidence() > settings.trackThresh()) {
        high.add(new STrack(box, d.confidence(), d.feature()));
      } else if (d.confidence() > LOW_THRESH && d.confidence() < settings.trackThresh()) {
        low.add(new STrack(box, d.confidence(), null));
      }
    }
    List<STrack> unconfirmed = new ArrayList<>();
    List<STrack> confirmed = new ArrayList<>();
    for (STrack t : tracked) {
      (t.activated ? confirmed : unconfirmed).add(t);
    }
    List<STrack> activatedNow = new ArrayList<>();
    List<STrack> refound = new ArrayList<>();
    List<STrack> lostNow = new ArrayList<>();

    // First association: confirmed and lost tracks against high detections.
    List<STrack> pool = join(confirmed, lost);
    for (STrack t : pool) {
      double[] mean = t.estimate.mean().clone();
      if (t.stage != Stage.TRACKED) {
        // ByteTrack stops a lost track's height from changing; BoT-SORT its width too.
        mean[7] = 0;
        if (settings.measurement() == KalmanFilter.Measurement.XYWH) {
          mean[6] = 0;
        }
      }
      t.estimate = filter.predict(new KalmanFilter.State(mean, t.estimate.covariance()));
    }
    if (warp != null) {
      pool.forEach(t -> t.estimate = warped(t.estimate, warp));
      unconfirmed.forEach(t -> t.estimate = warped(t.estimate, warp));
    }
    int[] first = CostLimitedAssignment.solve(cost(pool, high), settings.matchThresh());
    boolean[] highUsed = new boolean[high.size()];
    List<STrack> leftOver = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      STrack t = pool.get(i);
      if (first[i] < 0) {
        leftOver.add(t);
        continue;
      }
      highUsed[first[i]] = true;
      (t.stage == Stage.TRACKED ? activatedNow : refound).add(t);
      t.update(high.get(first[i]), frameId);
    }

    // Second association: the confirmed tracks left over against low detections.
    List<STrack> remaining = leftOver.stream().filter(t -> t.stage == Stage.TRACKED).toList();
    int[] second = CostLimitedAssignment.solve(iouDistance(remaining, low), SECOND_MATCH);
    for (int i = 0; i < remaining.size(); i++) {
      STrack t = remaining.get(i);
      if (second[i] >= 0) {
        t.update(low.get(second[i]), frameId);
        activatedNow.add(t);
      } else if (t.stage != Stage.LOST) {
        t.stage = Stage.LOST;
        lostNow.add(t);
      }
    }

    // Unconfirmed tracks against the high detections left.
    List<STrack> highLeft = new ArrayList<>();
    for (int j = 0; j < high.size(); j++) {
      if (!highUsed[j]) {
        highLeft.add(high.get(j));
      }
    }
    int[] third = CostLimitedAssignment.solve(cost(unconfirmed, highLeft), UNCONFIRMED_MATCH);
    boolean[] leftUsed = new boolean[highLeft.size()];
    List<STrack> removedNow = new ArrayList<>();
    for (int i = 0; i < unconfirmed.size(); i++) {
      STrack t = unconfirmed.get(i);
      if (third[i] >= 0) {
        leftUsed[third[i]] = true;
        t.update(highLeft.get(third[i]), frameId);
        activatedNow.add(t);
      } else {
        t.stage = Stage.REMOVED;
        removedNow.add(t);
      }
    }

    // New tracks from confident detections nobody took.
    for (int j = 0; j < highLeft.size(); j++) {
      STrack d = highLeft.get(j);
      if (!leftUsed[j] && d.score >= settings.newTrackThresh()) {
        d.activate(frameId);
        activatedNow.add(d);
      }
    }
    for (STrack t : lost) {
      if (frameId - t.frame > maxTimeLost) {
        t.stage = Stage.REMOVED;
        removedNow.add(t);
      }
    }

    tracked = join(join(tracked.stream().filter(t -> t.stage == Stage.TRACKED).toList(), activatedNow), refound);
    lost = subtract(lost, tracked);
    lost.addAll(lostNow);
    // As the reference: only ids removed in earlier frames leave the lost list now, so a track
    // timed out in this frame may still be found again in the next.
    lost.removeIf(t -> removed.contains(t.id));
    removedNow.forEach(t -> removed.add(t.id));
    removeDuplicates();
    List<TrackedBox> out = new ArrayList<>();
    for (STrack t : tracked) {
      Box b = t.box();
      if ((t.activated || settings.reportUnconfirmed()) && b.w() * b.h() > settings.minBoxArea()
          && b.w() / b.h() <= MAX_ASPECT) {
        out.add(new TrackedBox(t.id, b, t.score));
      }
    }
    return out;
  }

  /** A tracked and a lost track closer than 0.15 in IoU distance: the one followed for fewer frames goes. */
  private void removeDuplicates() {
    double[][] distance = iouDistance(tracked, lost);
    Set<Integer> dropTracked = new HashSet<>();
    Set<Integer> dropLost = new HashSet<>();
    for (int p = 0; p < tracked.size(); p++) {
      for (int q = 0; q < lost.size(); q++) {
        if (distance[p][q] < DUPLICATE_DISTANCE) {
          int timeP = tracked.get(p).frame - tracked.get(p).startFrame;
          int timeQ = lost.get(q).frame - lost.get(q).startFrame;
          if (timeP > timeQ) {
            dropLost.add(q);
          } else {
            dropTracked.add(p);
          }
        }
      }
    }
    List<STrack> keptTracked = new ArrayList<>();
    for (int p = 0; p < tracked.size(); p++) {
      if (!dropTracked.contains(p)) {
        keptTracked.add(tracked.get(p));
      }
    }
    List<STrack> keptLost = new ArrayList<>();
    for (int q = 0; q < lost.size(); q++) {
      if (!dropLost.contains(q)) {
        keptLost.add(lost.get(q));
      }
    }
    tracked = keptTracked;
    lost = keptLost;
  }

  /**
   * BoT-SORT's multi_gmc: the warp's 2x2 part R applied to each pair of the state (x, y), (w, h)
   * and their velocities (the 8x8 block diagonal of R), its shift added to (x, y); the covariance
   * turned by the same block diagonal.
   */
  static KalmanFilter.State warped(KalmanFilter.State state, double[][] warp) {
    double[][] r8 = new double[8][8];
    for (int b = 0; b < 8; b += 2) {
      r8[b][b] = warp[0][0];
      r8[b][b + 1] = warp[0][1];
      r8[b + 1][b] = warp[1][0];
      r8[b + 1][b + 1] = warp[1][1];
    }
    double[] m = state.mean();
    double[] mean = new double[8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        mean[i] += r8[i][j] * m[j];
      }
    }
    mean[0] += warp[0][2];
    mean[1] += warp[1][2];
    double[][] p = state.covariance();
    double[][] rp = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        for (int k = 0; k < 8; k++) {
          rp[i][j] += r8[i][k] * p[k][j];
        }
      }
    }
    double[][] covariance = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        for (int k = 0; k < 8; k++) {
          covariance[i][j] += rp[i][k] * r8[j][k];
        }
      }
    }
    return new KalmanFilter.State(mean, covariance);
  }

  /** a, then the tracks of b whose ids a lacks. */
  private static List<STrack> join(List<STrack> a, List<STrack> b) {
    Map<Integer, STrack> byId = new LinkedHashMap<>();
    a.forEach(t -> byId.putIfAbsent(t.id, t));
    b.forEach(t -> byId.putIfAbsent(t.id, t));
    return new ArrayList<>(byId.values());
  }

  /** a without the tracks whose ids b has. */
  private static List<STrack> subtract(List<STrack> a, List<STrack> b) {
    Map<Integer, STrack> byId = new LinkedHashMap<>();
    a.forEach(t -> byId.put(t.id, t));
    b.forEach(t -> byId.remove(t.id));
    return new ArrayList<>(byId.values());
  }

  /** 1 - IoU of tracks' boxes against detections' boxes, pixels counted inclusively. */
  private static double[][] iouDistance(List<STrack> tracks, List<STrack> detections) {
    double[][] d = new double[tracks.size()][detections.size()];
    for (int i = 0; i < tracks.size(); i++) {
      Box a = tracks.get(i).box();
      for (int j = 0; j < detections.size(); j++) {
        d[i][j] = 1 - inclusiveIou(a, detections.get(j).box());
      }
    }
    return d;
  }

  /** cython_bbox's IoU of two (x, y, w, h) boxes: corners (x, y, x + w, y + h), each side + 1 pixel. */
  public static double inclusiveIou(Box a, Box b) {
    double iw = Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()) + 1;
    double ih = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()) + 1;
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    double union = (a.w() + 1) * (a.h() + 1) + (b.w() + 1) * (b.h() + 1) - iw * ih;
    return iw * ih / union;
  }

  /**
   * The first association's cost: 1 - IoU x score; with BoT-SORT's appearance, the smaller of that
   * and half the cosine distance of the features, where the half distance is at most the
   * appearance threshold and the IoU distance at most the proximity threshold (else 1).
   */
  private double[][] cost(List<STrack> tracks, List<STrack> detections) {
    double[][] iou = iouDistance(tracks, detections);
    double[][] fused = new double[iou.length][];
    for (int i = 0; i < iou.length; i++) {
      fused[i] = iou[i].clone();
    }
    fuseScore(fused, detections);
    if (Double.isNaN(settings.appearanceThresh())) {
      return fused;
    }
    for (int i = 0; i < tracks.size(); i++) {
      float[] a = tracks.get(i).smooth;
      for (int j = 0; j < detections.size(); j++) {
        float[] b = detections.get(j).current;
        if (a == null || b == null) {
          continue;
        }
        if (iou[i][j] > settings.proximityThresh()) {
          // Too far apart for appearance to count: its cost is 1, whatever the features say.
          fused[i][j] = Math.min(fused[i][j], 1);
          continue;
        }
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
          dot += a[k] * b[k];
        }
        double appearance = Math.max(0, 1 - dot) / 2;
        if (appearance > settings.appearanceThresh() || iou[i][j] > settings.proximityThresh()) {
          appearance = 1;
        }
        fused[i][j] = Math.min(fused[i][j], appearance);
      }
    }
    return fused;
  }

  /** ByteTrack's fuse_score: 1 - (1 - distance) x the detection's score. */
  private static double[][] fuseScore(double[][] distance, List<STrack> detections) {
    for (double[] row : distance) {
      for (int j = 0; j < row.length; j++) {
        row[j] = 1 - (1 - row[j]) * detections.get(j).score;
      }
    }
    return distance;
  }
}
