package org.deepmetric.track;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * OC-SORT (Cao et al., CVPR 2023) as its authors' {@code OCSort.update} computes it and their
 * MOT evaluator reports it, frame by frame, and Deep OC-SORT (Maggiolino et al., ICIP 2023) as
 * its authors' {@code integrated_ocsort_embedding} computes it on given features. Boxes are
 * (x1, y1, x2, y2) in pixels; each track keeps SORT's Kalman filter ({@link SortKalmanFilter}).
 * <ol>
 *   <li>Detections scoring above {@code detThresh} take part in the first round; those above 0.1
 *       and below it only in the optional BYTE round ({@code useByte}).
 *   <li>First round: cost = -(IoU of the detection and the track's predicted box + inertia x
 *       the direction consistency x the detection's score). The direction consistency is
 *       (pi/2 - the angle between the track's momentum and the direction from its observation
 *       {@code deltaT} steps back to the detection) / pi; the momentum is the direction between
 *       two such observations. Where the pairs above the IoU threshold already form a one-to-one
 *       matching they are taken as they are; pairs under {@code iouThreshold} are rejected.
 *   <li>BYTE round (optional): unmatched tracks' predicted boxes against the low detections.
 *   <li>Observation-centric recovery: unmatched detections against the unmatched tracks' last
 *       observations, by IoU alone, pairs under the threshold rejected.
 *   <li>Unmatched tracks record a frame without observation; when one is observed again, its
 *       filter re-updates along a virtual trajectory ({@link SortKalmanFilter}). Unmatched
 *       detections start tracks; tracks unseen for more than {@code maxAge} frames are dropped.
 *   <li>Reported: tracks observed this frame with {@code minHits} observations in a row, or any
 *       in the first {@code minHits} frames; the box is the last observation (the filter's until
 *       there is one), the score that observation's; ids from 1. As the evaluator, boxes of
 *       {@code minBoxArea} pixels or fewer, or wider than 1.6 x their height, are left out.
 * </ol>
 * Deep OC-SORT's changes ({@link Settings#appearance()}, {@link Settings#newKf()}, and a camera
 * warp when given one): the first round's cost also subtracts the cosine similarity of the
 * detection's feature and the track's, weighted by {@code weight} plus, where the similarities
 * single one pairing out, half the gap between the best and second-best similarity of its row
 * and of its column (each at most {@code awParam}: adaptive weighting); a track's feature is a
 * moving average whose weight of the past is alphaFixed + (1 - alphaFixed) x (1 - trust), trust =
 * (score - detThresh) / (1 - detThresh); the filter is the (x, y, w, h) model, with a track's
 * size velocities stopped while it is unobserved; the warp moves every track's state, last
 * observation and recent observations before prediction. There is no BYTE round.
 */
public final class OcSort implements OnlineTracker {
  /**
   * The authors' settings: --track_thresh (det_thresh), max_age, --min_hits, --iou_thresh,
   * --deltat, --inertia, --use_byte, and their evaluator's --min_box_area.
   */
  public record Settings(double detThresh, int maxAge, int minHits, double iouThreshold, int deltaT, double inertia,
      boolean useByte, double minBoxArea, Appearance appearance, boolean newKf) {
    public static final Settings DEFAULTS = new Settings(0.6, 30, 3, 0.3, 3, 0.2, false, 10, null, false);
  }

  /**
   * Deep OC-SORT's appearance settings, as its flags name them: --w_assoc_emb (weight),
   * --alpha_fixed_emb, --aw_param and --aw_off (adaptive weighting off); null: no appearance.
   */
  public record Appearance(double weight, double alphaFixed, double awParam, boolean awOff) {
    public static final Appearance DEFAULTS = new Appearance(0.75, 0.95, 0.5, false);
  }

  private static final double LOW_THRESH = 0.1;
  /** OC-SORT's stand-in for "no observation": (x1, y1, x2, y2, score) all -1. */
  private static final double[] NO_OBSERVATION = {-1, -1, -1, -1, -1};

  /** One track (the authors' KalmanBoxTracker). */
  private final class Target {
    final SortKalmanFilter filter;
    final int id;
    final double firstScore;
    /** The moving-average appearance feature (Deep OC-SORT), unit length; null without one. */
    float[] feature;
    /** Unobserved in its last frame (Deep OC-SORT stops its size velocities then). */
    boolean frozen;
    int timeSinceUpdate;
    int hitStreak;
    int age;
    double[] lastObservation = NO_OBSERVATION;
    final Map<Integer, double[]> observations = new HashMap<>();
    /** The unit direction (dy, dx) of the latest motion observed, null before there is one. */
    double[] velocity;

    Target(double[] detection, int id, float[] feature) {
      this.filter = new SortKalmanFilter(toZ(detection), model);
      this.id = id;
      this.firstScore = detection[4];
      this.feature = feature;
    }

    double[] predict() {
      double[] x = filter.state();
      double[] q = null;
      if (model == SortKalmanFilter.Model.XYWH) {
        if (x[2] + x[6] <= 0) {
          x[6] = 0;
        }
        if (x[3] + x[7] <= 0) {
          x[7] = 0;
        }
        if (frozen) {
          x[6] = 0;
          x[7] = 0;
        }
        q = SortKalmanFilter.processNoise(x[2], x[3]);
      } else if (x[6] + x[2] <= 0) {
        x[6] = 0;
      }
      filter.predict(q);
      age++;
      if (timeSinceUpdate > 0) {
        hitStreak = 0;
      }
      timeSinceUpdate++;
      return stateBox();
    }

    void observe(double[] detection) {
      if (sum(lastObservation) >= 0) {
        double[] previous = null;
        for (int i = 0; i < settings.deltaT() && previous == null; i++) {
          previous = observations.get(age - (settings.deltaT() - i));
        }
        velocity = direction(previous != null ? previous : lastObservation, detection);
      }
      lastObservation = detection;
      observations.put(age, detection);
      timeSinceUpdate = 0;
      hitStreak++;
      frozen = false;
      double[] x = filter.state();
      filter.update(toZ(detection), model == SortKalmanFilter.Model.XYWH
          ? SortKalmanFilter.measurementNoise(x[2], x[3]) : null);
    }

    void miss() {
      filter.update(null, null);
      frozen = true;
    }

    /**
     * Deep OC-SORT's apply_affine_correction: the last observation (when its values sum above 0)
     * and the observations of the last {@code deltaT} steps moved in place (an array both are is
     * moved twice, as there), then the filter.
     */
    void applyAffine(double[][] warp) {
      if (sum(lastObservation) > 0) {
        moveCorners(lastObservation, warp);
      }
      for (int dt = settings.deltaT(); dt >= 0; dt--) {
        double[] o = observations.get(age - dt);
        if (o != null) {
          moveCorners(o, warp);
        }
      }
      filter.applyAffine(warp);
    }

    /** The observation {@code deltaT} steps back, or the nearest after it, or the latest. */
    double[] previousObservation() {
      if (observations.isEmpty()) {
        return NO_OBSERVATION;
      }
      for (int i = 0; i < settings.deltaT(); i++) {
        double[] o = observations.get(age - (settings.deltaT() - i));
        if (o != null) {
          return o;
        }
      }
      return observations.get(observations.keySet().stream().max(Integer::compare).orElseThrow());
    }

    double[] stateBox() {
      double[] x = filter.state();
      if (model == SortKalmanFilter.Model.XYWH) {
        return new double[] {x[0] - x[2] / 2, x[1] - x[3] / 2, x[0] + x[2] / 2, x[1] + x[3] / 2};
      }
      double w = Math.sqrt(x[2] * x[3]);
      double h = x[2] / w;
      return new double[] {x[0] - w / 2, x[1] - h / 2, x[0] + w / 2, x[1] + h / 2};
    }

    /** toZ of the filter's model. */
    double[] toZ(double[] box) {
      double w = box[2] - box[0];
      double h = box[3] - box[1];
      return model == SortKalmanFilter.Model.XYWH ? new double[] {box[0] + w / 2.0, box[1] + h / 2.0, w, h}
          : new double[] {box[0] + w / 2.0, box[1] + h / 2.0, w * h, w / (h + 1e-6)};
    }
  }

  private final Settings settings;
  private final SortKalmanFilter.Model model;
  private final List<Target> targets = new ArrayList<>();
  private int frameCount;
  private int created;

  public OcSort(Settings settings) {
    this.settings = settings;
    this.model = settings.newKf() ? SortKalmanFilter.Model.XYWH : SortKalmanFilter.Model.XYSR;
  }

  @Override
  public List<TrackedBox> update(List<Detection> detections, double[][] warp) {
    frameCount++;
    Appearance appearance = settings.appearance();
    List<double[]> high = new ArrayList<>();
    List<float[]> highFeatures = new ArrayList<>();
    List<double[]> low = new ArrayList<>();
    for (Detection d : detections) {
      Box b = d.box();
      double[] det = {b.x(), b.y(), b.x() + b.w(), b.y() + b.h(), d.confidence()};
      if (d.confidence() > settings.detThresh()) {
        high.add(det);
        highFeatures.add(appearance == null ? null : FeatureEma.normalised(d.feature()));
      } else if (d.confidence() > LOW_THRESH && d.confidence() < settings.detThresh()) {
        low.add(det);
      }
    }
    if (warp != null) {
      targets.forEach(t -> t.applyAffine(warp));
    }
    List<double[]> predicted = new ArrayList<>();
    List<Target> kept = new ArrayList<>();
    for (Target t : targets) {
      double[] box = t.predict();
      if (finite(box)) {
        predicted.add(box);
        kept.add(t);
      }
    }
    targets.clear();
    targets.addAll(kept);
    List<double[]> lastBoxes = targets.stream().map(t -> t.lastObservation).toList();

    Association first = associate(high, highFeatures, predicted);
    for (int[] m : first.matches()) {
      observe(targets.get(m[1]), high.get(m[0]), highFeatures.get(m[0]));
    }
    List<Integer> unmatchedDets = first.unmatchedDetections();
    List<Integer> unmatchedTrks = first.unmatchedTracks();

    if (settings.useByte() && !low.isEmpty() && !unmatchedTrks.isEmpty()) {
      List<double[]> boxes = unmatchedTrks.stream().map(predicted::get).toList();
      double[][] iou = iou(low, boxes);
      if (max(iou) > settings.iouThreshold()) {
        List<Integer> taken = new ArrayList<>();
        for (int[] m : maximumIou(iou)) {
          if (iou[m[0]][m[1]] >= settings.iouThreshold()) {
            int trk = unmatchedTrks.get(m[1]);
            targets.get(trk).observe(low.get(m[0]));
            taken.add(trk);
          }
        }
        unmatchedTrks = sortedWithout(unmatchedTrks, taken);
      }
    }

    if (!unmatchedDets.isEmpty() && !unmatchedTrks.isEmpty()) {
      List<double[]> leftDets = unmatchedDets.stream().map(high::get).toList();
      List<double[]> leftTrks = unmatchedTrks.stream().map(lastBoxes::get).toList();
      double[][] iou = iou(leftDets, leftTrks);
      if (max(iou) > settings.iouThreshold()) {
        List<Integer> takenDets = new ArrayList<>();
        List<Integer> takenTrks = new ArrayList<>();
        for (int[] m : maximumIou(iou)) {
          if (iou[m[0]][m[1]] >= settings.iouThreshold()) {
            int det = unmatchedDets.get(m[0]);
            int trk = unmatchedTrks.get(m[1]);
            observe(targets.get(trk), high.get(det), highFeatures.get(det));
            takenDets.add(det);
            takenTrks.add(trk);
          }
        }
        unmatchedDets = sortedWithout(unmatchedDets, takenDets);
        unmatchedTrks = sortedWithout(unmatchedTrks, takenTrks);
      }
    }

    for (int trk : unmatchedTrks) {
      targets.get(trk).miss();
    }
    for (int det : unmatchedDets) {
      targets.add(new Target(high.get(det), created++, highFeatures.get(det)));
    }
    List<TrackedBox> reported = new ArrayList<>();
    for (int i = targets.size() - 1; i >= 0; i--) {
      Target t = targets.get(i);
      if (t.timeSinceUpdate < 1 && (t.hitStreak >= settings.minHits() || frameCount <= settings.minHits())) {
        boolean observed = sum(t.lastObservation) >= 0;
        double[] d = observed ? t.lastObservation : t.stateBox();
        Box box = new Box(d[0], d[1], d[2] - d[0], d[3] - d[1]);
        if (box.w() * box.h() > settings.minBoxArea() && box.w() / box.h() <= ByteTracker.MAX_ASPECT) {
          reported.add(new TrackedBox(t.id + 1, box, observed ? t.lastObservation[4] : t.firstScore));
        }
      }
      if (t.timeSinceUpdate > settings.maxAge()) {
        targets.remove(i);
      }
    }
    return reported;
  }

  /** The observation, and with appearance the track's feature moved toward the detection's by its score. */
  private void observe(Target target, double[] detection, float[] feature) {
    target.observe(detection);
    if (feature != null) {
      target.feature = FeatureEma.update(target.feature, feature,
          DeepOcSortAppearance.emaAlpha(detection[4], settings.detThresh(), settings.appearance().alphaFixed()));
    }
  }

  /** Matched (detection, track) pairs and what is left of each side, in the authors' order. */
  private record Association(List<int[]> matches, List<Integer> unmatchedDetections, List<Integer> unmatchedTracks) {}

  /** The first round: IoU plus the weighted direction consistency (and appearance), as the authors' associate(). */
  private Association associate(List<double[]> dets, List<float[]> features, List<double[]> predicted) {
    int nd = dets.size();
    int nt = predicted.size();
    if (nt == 0) {
      return new Association(List.of(), range(nd), List.of());
    }
    double[][] iou = iou(dets, predicted);
    List<int[]> pairs = new ArrayList<>();
    if (nd > 0) {
      if (oneToOneAbove(iou, settings.iouThreshold())) {
        for (int i = 0; i < nd; i++) {
          for (int j = 0; j < nt; j++) {
            if (iou[i][j] > settings.iouThreshold()) {
              pairs.add(new int[] {i, j});
            }
          }
        }
      } else {
        double[][] appearance = appearanceCost(features);
        double[][] cost = new double[nd][nt];
        for (int j = 0; j < nt; j++) {
          Target t = targets.get(j);
          double[] previous = t.previousObservation();
          boolean valid = previous[4] >= 0;
          double[] v = t.velocity != null ? t.velocity : new double[] {0, 0};
          for (int i = 0; i < nd; i++) {
            double angleCost = 0;
            if (valid) {
              double[] toDetection = direction(previous, dets.get(i));
              double cos = Math.max(-1, Math.min(1, v[1] * toDetection[1] + v[0] * toDetection[0]));
              angleCost = (Math.PI / 2 - Math.abs(Arccos.acos(cos))) / Math.PI * settings.inertia() * dets.get(i)[4];
            }
            cost[i][j] = -(iou[i][j] + angleCost + (appearance == null ? 0 : appearance[i][j]));
          }
        }
        int[] assigned = Assignment.solve(cost);
        for (int i = 0; i < nd; i++) {
          if (assigned[i] >= 0) {
            pairs.add(new int[] {i, assigned[i]});
          }
        }
      }
    }
    // As _filter_matches: the unpaired of each side in order, then the rejected pairs' members.
    boolean[] detPaired = new boolean[nd];
    boolean[] trkPaired = new boolean[nt];
    pairs.forEach(m -> {
      detPaired[m[0]] = true;
      trkPaired[m[1]] = true;
    });
    List<Integer> unmatchedDets = new ArrayList<>();
    List<Integer> unmatchedTrks = new ArrayList<>();
    for (int i = 0; i < nd; i++) {
      if (!detPaired[i]) {
        unmatchedDets.add(i);
      }
    }
    for (int j = 0; j < nt; j++) {
      if (!trkPaired[j]) {
        unmatchedTrks.add(j);
      }
    }
    List<int[]> matches = new ArrayList<>();
    for (int[] m : pairs) {
      if (iou[m[0]][m[1]] < settings.iouThreshold()) {
        unmatchedDets.add(m[0]);
        unmatchedTrks.add(m[1]);
      } else {
        matches.add(m);
      }
    }
    return new Association(matches, unmatchedDets, unmatchedTrks);
  }

  /**
   * Deep OC-SORT's weighted appearance term: cosine similarities of detections (rows) and tracks,
   * each times the weight plus the adaptive bonus of its row and its column; null without one.
   */
  private double[][] appearanceCost(List<float[]> features) {
    Appearance appearance = settings.appearance();
    if (appearance == null) {
      return null;
    }
    int nd = features.size();
    int nt = targets.size();
    double[][] similarity = new double[nd][nt];
    for (int i = 0; i < nd; i++) {
      float[] a = features.get(i);
      for (int j = 0; j < nt; j++) {
        similarity[i][j] = DeepOcSortAppearance.dot(a, targets.get(j).feature);
      }
    }
    return DeepOcSortAppearance.weighted(similarity, appearance);
  }

  /** Whether the pairs with IoU above {@code threshold} leave no row and no column with two. */
  private static boolean oneToOneAbove(double[][] iou, double threshold) {
    int[] perColumn = new int[iou[0].length];
    int rowMax = 0;
    int colMax = 0;
    for (double[] row : iou) {
      int count = 0;
      for (int j = 0; j < row.length; j++) {
        if (row[j] > threshold) {
          count++;
          colMax = Math.max(colMax, ++perColumn[j]);
        }
      }
      rowMax = Math.max(rowMax, count);
    }
    return rowMax == 1 && colMax == 1;
  }

  /** The assignment of largest total IoU, as (row, column) pairs by row. */
  private static List<int[]> maximumIou(double[][] iou) {
    double[][] cost = new double[iou.length][];
    for (int i = 0; i < iou.length; i++) {
      cost[i] = new double[iou[i].length];
      for (int j = 0; j < cost[i].length; j++) {
        cost[i][j] = -iou[i][j];
      }
    }
    int[] assigned = Assignment.solve(cost);
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] >= 0) {
        pairs.add(new int[] {i, assigned[i]});
      }
    }
    return pairs;
  }

  /** IoU of (x1, y1, x2, y2) boxes, as SORT's iou_batch: no pixel added to the sides. */
  static double[][] iou(List<double[]> a, List<double[]> b) {
    double[][] out = new double[a.size()][b.size()];
    for (int i = 0; i < a.size(); i++) {
      double[] p = a.get(i);
      for (int j = 0; j < b.size(); j++) {
        double[] q = b.get(j);
        // Comparisons, not Math.min and max, whose NaN and -0 rules make them several times slower.
        double w = (p[2] < q[2] ? p[2] : q[2]) - (p[0] > q[0] ? p[0] : q[0]);
        double h = (p[3] < q[3] ? p[3] : q[3]) - (p[1] > q[1] ? p[1] : q[1]);
        double wh = (w > 0 ? w : 0) * (h > 0 ? h : 0);
        out[i][j] = wh / ((p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - wh);
      }
    }
    return out;
  }

  /** The unit direction (dy, dx) from the centre of box {@code from} to the centre of {@code to}. */
  private static double[] direction(double[] from, double[] to) {
    double dx = (to[0] + to[2]) / 2.0 - (from[0] + from[2]) / 2.0;
    double dy = (to[1] + to[3]) / 2.0 - (from[1] + from[3]) / 2.0;
    double norm = Math.sqrt(dy * dy + dx * dx) + 1e-6;
    return new double[] {dy / norm, dx / norm};
  }

  /** Both corners of an (x1, y1, x2, y2, ...) box moved in place by the warp. */
  private static void moveCorners(double[] box, double[][] warp) {
    double[] a = SortKalmanFilter.turn(warp, box[0], box[1], true);
    double[] b = SortKalmanFilter.turn(warp, box[2], box[3], true);
    box[0] = a[0];
    box[1] = a[1];
    box[2] = b[0];
    box[3] = b[1];
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static boolean finite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static double max(double[][] m) {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : m) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }

  /** numpy's setdiff1d: the values of {@code a} not in {@code b}, sorted. */
  private static List<Integer> sortedWithout(List<Integer> a, List<Integer> b) {
    TreeSet<Integer> s = new TreeSet<>(a);
    s.removeAll(b);
    return new ArrayList<>(s);
  }
}
