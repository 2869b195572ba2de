package org.deepmetric.track;

import java.util.ArrayList;
import java.util.List;

/**
 * deep_sort as deep_sort_app runs it, frame by frame: its detections come through
 * generate_detections' float32 .npy, so boxes and scores are taken at float32 precision here
 * too, whatever their source (a score of 0.7 is 0.69999999 against {@code --min_confidence 0.7},
 * as there); detections lower than
 * {@code minDetectionHeight} or less confident than {@code minConfidence} are dropped, the rest
 * pass non-maximum suppression, and the {@link Tracker} predicts and updates (after StrongSORT's
 * camera update, when given a warp). Reported are the confirmed tracks matched in this or the
 * previous frame, with the filter's box and no score. StrongSORT runs the same way with its
 * switches on ({@link Tracker.Variant#STRONG_SORT}).
 */
public final class DeepSort implements OnlineTracker {
  /** deep_sort_app's flags around the tracker. */
  public record Settings(double minConfidence, double nmsMaxOverlap, double minDetectionHeight,
      double maxCosineDistance, int nnBudget, Tracker.Settings tracker, Tracker.Variant variant) {}

  private final Settings settings;
  private final Tracker tracker;

  public DeepSort(Settings settings) {
    this.settings = settings;
    this.tracker = new Tracker(new NearestNeighborMetric(settings.maxCosineDistance(), settings.nnBudget()),
        settings.tracker(), settings.variant());
  }

  @Override
  public List<TrackedBox> update(List<Detection> detections, double[][] warp) {
    List<Detection> confident = detections.stream().map(DeepSort::asFloat32)
        .filter(d -> d.box().h() >= settings.minDetectionHeight() && d.confidence() >= settings.minConfidence())
        .toList();
    List<Detection> kept = NonMaxSuppression.keep(confident, settings.nmsMaxOverlap()).stream()
        .map(confident::get).toList();
    if (warp != null) {
      tracker.cameraUpdate(warp);
    }
    tracker.predict();
    tracker.update(kept);
    List<TrackedBox> reported = new ArrayList<>();
    for (Track track : tracker.tracks()) {
      if (track.isConfirmed() && track.timeSinceUpdate() <= 1) {
        reported.add(new TrackedBox(track.id(), track.box(), Double.NaN));
      }
    }
    return reported;
  }

  /** The detection with its box and score rounded to float32, as a .npy row holds them. */
  private static Detection asFloat32(Detection d) {
    Box b = d.box();
    return new Detection(new Box((float) b.x(), (float) b.y(), (float) b.w(), (float) b.h()), (float) d.confidence(),
        d.feature(), d.classId());
  }
}
