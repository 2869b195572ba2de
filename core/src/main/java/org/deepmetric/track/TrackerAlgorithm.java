package org.deepmetric.track;

/**
 * The tracking algorithms, by the names boxmot's and the authors' flags use: the one place that
 * builds a tracker from {@link TrackerSettings} (each algorithm's defaults where the settings
 * leave a value null) and says what it needs. Adding an algorithm is a class implementing
 * {@link OnlineTracker} and a constant here.
 */
public enum TrackerAlgorithm implements TrackerFactory {
  /** deep_sort_app's tracker: appearance cascade, then IoU. */
  DEEPSORT(true, false, CameraCompensation.NONE) {
    @Override
    public OnlineTracker create(TrackerSettings s, double frameRate) {
      return new DeepSort(deepSort(s, 0.8, 0.2, 100, Tracker.Variant.DEEP_SORT));
    }
  },
  /** deep_sort with StrongSORT's NSA Kalman filter, EMA features, motion cost, no cascade; ECC when asked. */
  STRONGSORT(true, true, CameraCompensation.NONE) {
    @Override
    public OnlineTracker create(TrackerSettings s, double frameRate) {
      return new DeepSort(deepSort(s, 0.6, 0.35, 1, Tracker.Variant.STRONG_SORT));
    }
  },
  /** ByteTrack: IoU with score-fused costs, low-score detections in a second round. */
  BYTETRACK(false, false, CameraCompensation.NONE) {
    @Override
    public OnlineTracker create(TrackerSettings s, double frameRate) {
      return new ByteTracker(ByteTracker.Settings.byteTrack(s.trackThresh(), TrackerSettings.or(s.matchThresh(), 0.9),
          s.trackBuffer(), TrackerSettings.or(s.minBoxArea(), 100)), frameRate);
    }
  },
  /** BoT-SORT: ByteTrack's loop with an (x, y, w, h) filter, appearance where given, camera motion. */
  BOTSORT(false, true, CameraCompensation.SPARSE) {
    @Override
    public OnlineTracker create(TrackerSettings s, double frameRate) {
      return new ByteTracker(ByteTracker.Settings.botSort(s.trackThresh(), TrackerSettings.or(s.matchThresh(), 0.8),
          s.trackBuffer(), s.newTrackThresh(), TrackerSettings.or(s.minBoxArea(), 10)), frameRate);
    }
  },
  /** OC-SORT: SORT with observation-centric momentum, recovery and re-update. */
  OCSORT(false, false, CameraCompensation.NONE) {
    @Override
    public OnlineTracker create(TrackerSettings s, double frameRate) {
      return new OcSort(new OcSort.Settings(s.trackThresh(), s.maxAge(), s.nInit(), s.iouThreshold(), s.deltaT(),
          s.inertia(), s.useByte(), TrackerSettings.or(s.minBoxArea(), 10), null, false));
    }
  },
  /** Deep OC-SORT: OC-SORT with appearance (adaptive weight, dynamic EMA), an (x, y, w, h) filter, camera motion. */
  DEEPOCSORT(true, true, CameraCompensation.SPARSE) {
    @Override
    public OnlineTracker create(TrackerSettings s, double frameRate) {
      return new OcSort(new OcSort.Settings(s.trackThresh(), s.maxAge(), s.nInit(), s.iouThreshold(), s.deltaT(),
          s.inertia(), false, TrackerSettings.or(s.minBoxArea(), 10), s.embOff() ? null
              : new OcSort.Appearance(s.wAssocEmb(), s.alphaFixedEmb(), s.awParam(), s.awOff()), !s.newKfOff()));
    }
  };

  private final boolean needsAppearance;
  private final boolean compensatesCamera;
  private final CameraCompensation defaultCameraCompensation;

  TrackerAlgorithm(boolean needsAppearance, boolean compensatesCamera, CameraCompensation defaultCameraCompensation) {
    this.needsAppearance = needsAppearance;
    this.compensatesCamera = compensatesCamera;
    this.defaultCameraCompensation = defaultCameraCompensation;
  }

  @Override
  public abstract OnlineTracker create(TrackerSettings settings, double frameRate);

  /** Whether it cannot run without appearance features (the others use them where given, or never). */
  public boolean needsAppearance() {
    return needsAppearance;
  }

  /** Whether it takes a camera warp between frames. */
  public boolean compensatesCamera() {
    return compensatesCamera;
  }

  /** The camera-motion compensation its authors run it with. */
  public CameraCompensation defaultCameraCompensation() {
    return defaultCameraCompensation;
  }

  private static DeepSort.Settings deepSort(TrackerSettings s, double minConfidence, double maxCosineDistance,
      int nnBudget, Tracker.Variant variant) {
    return new DeepSort.Settings(TrackerSettings.or(s.minConfidence(), minConfidence), s.nmsMaxOverlap(),
        s.minDetectionHeight(), TrackerSettings.or(s.maxCosineDistance(), maxCosineDistance),
        s.nnBudget() != null ? s.nnBudget() : nnBudget, new Tracker.Settings(s.maxIouDistance(), s.maxAge(), s.nInit()),
        variant);
  }
}
