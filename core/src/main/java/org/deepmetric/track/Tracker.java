package org.deepmetric.track;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * deep_sort's multi-target tracker. Each frame: {@link #predict}, then {@link #update} with the
 * frame's detections: confirmed tracks are matched by appearance (nearest-neighbour cosine
 * distance, gated by the Kalman filter) in the matching cascade; the tracks still unmatched that
 * were seen last frame, and the tentative tracks, are then matched by IoU; matched tracks are
 * corrected, unmatched ones marked missed, and each unmatched detection starts a track.
 */
public final class Tracker {
  /** deep_sort's defaults: max IoU distance 0.7, max age 30 frames, 3 hits to confirm. */
  public record Settings(double maxIouDistance, int maxAge, int nInit) {
    public static final Settings DEEP_SORT = new Settings(0.7, 30, 3);
  }

  /**
   * StrongSORT's switches on deep_sort: {@code nsa}, measurement noise scaled by 1 - the
   * detection's confidence; {@code emaAlpha}, each track's feature an exponential moving average
   * (alpha x old + (1 - alpha) x new, normalised; NaN: a gallery of features instead);
   * {@code mcLambda}, appearance cost blended with the gating distance (lambda x cost + (1 -
   * lambda) x squared Mahalanobis distance; NaN: not blended); {@code vanilla}, one assignment
   * of all confirmed tracks instead of the matching cascade.
   */
  public record Variant(boolean nsa, double emaAlpha, double mcLambda, boolean vanilla) {
    public static final Variant DEEP_SORT = new Variant(false, Double.NaN, Double.NaN, false);
    /** StrongSORT's opts with --NSA --EMA --MC --woC: alpha 0.9, lambda 0.98. */
    public static final Variant STRONG_SORT = new Variant(true, 0.9, 0.98, true);
  }

  private final NearestNeighborMetric metric;
  private final Settings settings;
  private final Variant variant;
  private final KalmanFilter filter = new KalmanFilter();
  private final List<Track> tracks = new ArrayList<>();
  private int nextId = 1;

  public Tracker(NearestNeighborMetric metric, Settings settings) {
    this(metric, settings, Variant.DEEP_SORT);
  }

  public Tracker(NearestNeighborMetric metric, Settings settings, Variant variant) {
    this.metric = metric;
    this.settings = settings;
    this.variant = variant;
  }

  /** The live tracks, in the order they were started. */
  public List<Track> tracks() {
    return List.copyOf(tracks);
  }

  /** StrongSORT's camera_update on every track, before {@link #predict}: {@code warp} from the last frame to this. */
  public void cameraUpdate(double[][] warp) {
    tracks.forEach(t -> t.cameraUpdate(warp));
  }

  public void predict() {
    tracks.forEach(t -> t.predict(filter));
  }

  public void update(List<Detection> detections) {
    LinearAssignment.Result result = match(detections);
    for (int[] m : result.matches()) {
      tracks.get(m[0]).update(filter, detections.get(m[1]), variant);
    }
    for (int t : result.unmatchedTracks()) {
      tracks.get(t).markMissed();
    }
    for (int d : result.unmatchedDetections()) {
      Detection detection = detections.get(d);
      tracks.add(new Track(filter.initiate(detection.box().toXyah()), nextId++, settings.nInit(), settings.maxAge(),
          Double.isNaN(variant.emaAlpha()) ? detection.feature() : FeatureEma.normalised(detection.feature())));
    }
    tracks.removeIf(Track::isDeleted);
    Set<Integer> active = new HashSet<>();
    Map<Integer, List<float[]>> features = new LinkedHashMap<>();
    for (Track track : tracks) {
      if (track.isConfirmed()) {
        active.add(track.id());
        features.put(track.id(), track.takeFeatures(!Double.isNaN(variant.emaAlpha())));
      }
    }
    metric.partialFit(features, active);
  }

  private LinearAssignment.Result match(List<Detection> detections) {
    LinearAssignment.CostFunction gatedMetric = (all, dets, trackIndices, detectionIndices) -> {
      List<float[]> features = detectionIndices.stream().map(i -> dets.get(i).feature()).toList();
      List<Integer> targets = trackIndices.stream().map(i -> all.get(i).id()).toList();
      double[][] gating = LinearAssignment.gatingDistances(filter, all, dets, trackIndices, detectionIndices);
      // Appearance only where the gate lets a pair through: the gate overwrites the rest.
      return LinearAssignment.gate(metric.distance(features, targets, LinearAssignment.insideGate(gating)), gating,
          variant.mcLambda());
    };
    List<Integer> confirmed = new ArrayList<>();
    List<Integer> unconfirmed = new ArrayList<>();
    for (int i = 0; i < tracks.size(); i++) {
      (tracks.get(i).isConfirmed() ? confirmed : unconfirmed).add(i);
    }
    List<Integer> allDetections = new ArrayList<>();
    for (int d = 0; d < detections.size(); d++) {
      allDetections.add(d);
    }
    LinearAssignment.Result a = variant.vanilla()
        ? LinearAssignment.minCostMatching(gatedMetric, metric.matchingThreshold(), tracks, detections, confirmed,
            allDetections)
        : LinearAssignment.matchingCascade(gatedMetric, metric.matchingThreshold(), settings.maxAge(), tracks,
            detections, confirmed);
    List<Integer> iouCandidates = new ArrayList<>(unconfirmed);
    List<Integer> stillUnmatched = new ArrayList<>();
    for (int k : a.unmatchedTracks()) {
      (tracks.get(k).timeSinceUpdate() == 1 ? iouCandidates : stillUnmatched).add(k);
    }
    LinearAssignment.Result b = LinearAssignment.minCostMatching(IouMatching::cost, settings.maxIouDistance(), tracks,
        detections, iouCandidates, a.unmatchedDetections());
    List<int[]> matches = new ArrayList<>(a.matches());
    matches.addAll(b.matches());
    Set<Integer> unmatched = new LinkedHashSet<>(stillUnmatched);
    unmatched.addAll(b.unmatchedTracks());
    return new LinearAssignment.Result(matches, new ArrayList<>(unmatched), b.unmatchedDetections());
  }
}
