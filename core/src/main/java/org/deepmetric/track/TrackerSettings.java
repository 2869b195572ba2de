package org.deepmetric.track;

/**
 * Every tracker's tuning values, named as their authors' flags name them; each algorithm reads
 * the ones it has ({@link TrackerAlgorithm} says which, and builds the tracker). A null value is
 * the algorithm's own default, where the algorithms' defaults differ.
 *
 * @param minConfidence deep_sort's {@code --min_confidence}: detections less confident are dropped
 * @param nmsMaxOverlap deep_sort's non-maximum suppression overlap (1: none)
 * @param minDetectionHeight deep_sort's least box height, pixels
 * @param maxCosineDistance deep_sort's appearance gate (cosine distance)
 * @param nnBudget deep_sort's features kept per track (0: all)
 * @param maxAge frames a track survives unmatched (deep_sort, OC-SORT)
 * @param nInit matches in a row that confirm a track (deep_sort's n_init, OC-SORT's min_hits)
 * @param maxIouDistance deep_sort's IoU gate, 1 - IoU
 * @param trackThresh the score above which detections are associated first (ByteTrack's
 *     track_thresh, OC-SORT's det_thresh)
 * @param matchThresh ByteTrack's first association's largest cost, 1 - IoU x score
 * @param trackBuffer ByteTrack's frames a lost track is kept, at 30 frames/s
 * @param newTrackThresh BoT-SORT's least score that starts a track
 * @param minBoxArea boxes of this many pixels or fewer are not reported (ByteTrack, BoT-SORT,
 *     OC-SORT, as their evaluators filter)
 * @param iouThreshold OC-SORT's least IoU of a match
 * @param deltaT OC-SORT's steps back to the observation its momentum is measured from
 * @param inertia OC-SORT's weight of the direction-consistency cost
 * @param useByte OC-SORT's BYTE association of low-score detections
 * @param wAssocEmb Deep OC-SORT's weight of the appearance cost
 * @param alphaFixedEmb Deep OC-SORT's least weight of the past in a track's feature average
 * @param awParam Deep OC-SORT's largest adaptive-weighting gap
 * @param awOff Deep OC-SORT without adaptive weighting
 * @param embOff Deep OC-SORT without appearance
 * @param newKfOff Deep OC-SORT with OC-SORT's (x, y, s, r) filter instead of its (x, y, w, h) one
 */
public record TrackerSettings(Double minConfidence, double nmsMaxOverlap, double minDetectionHeight,
    Double maxCosineDistance, Integer nnBudget, int maxAge, int nInit, double maxIouDistance, double trackThresh,
    Double matchThresh, int trackBuffer, double newTrackThresh, Double minBoxArea, double iouThreshold, int deltaT,
    double inertia, boolean useByte, double wAssocEmb, double alphaFixedEmb, double awParam, boolean awOff,
    boolean embOff, boolean newKfOff) {
  /** Every algorithm at its authors' defaults. */
  public static final TrackerSettings DEFAULTS = new TrackerSettings(null, 1.0, 0, null, null, 30, 3, 0.7, 0.6, null,
      30, 0.7, null, 0.3, 3, 0.2, false, 0.75, 0.95, 0.5, false, false, false);

  /** These settings with {@code value} as the least detection confidence (null: each algorithm's default). */
  public TrackerSettings withMinConfidence(Double value) {
    return new TrackerSettings(value, nmsMaxOverlap, minDetectionHeight, maxCosineDistance, nnBudget, maxAge, nInit,
        maxIouDistance, trackThresh, matchThresh, trackBuffer, newTrackThresh, minBoxArea, iouThreshold, deltaT,
        inertia, useByte, wAssocEmb, alphaFixedEmb, awParam, awOff, embOff, newKfOff);
  }

  /** {@code value}, or {@code fallback} where it is null. */
  static double or(Double value, double fallback) {
    return value != null ? value : fallback;
  }
}
