package org.deepmetric.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * deep_sort_app's non-maximum suppression (its application_util.preprocessing): boxes in order of
 * falling confidence; each kept box drops every remaining box whose overlap with it, measured as
 * intersection over the remaining box's area with deep_sort's +1 pixel convention, exceeds
 * {@code maxOverlap}. The order of the kept boxes is that order, which is also the order tracks
 * are started in. At 1.0 nothing is dropped.
 */
public final class NonMaxSuppression {
  private NonMaxSuppression() {}

  /** Indices of the detections kept, highest confidence first. */
  public static List<Integer> keep(List<Detection> detections, double maxOverlap) {
    // deep_sort takes the last of np.argsort(scores): the highest, and among equals the latest.
    List<Integer> order = IntStream.range(0, detections.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> detections.get(i).confidence())
            .thenComparingInt(i -> i))
        .collect(Collectors.toCollection(ArrayList::new));
    List<Integer> kept = new ArrayList<>();
    while (!order.isEmpty()) {
      int i = order.remove(order.size() - 1);
      kept.add(i);
      Box a = detections.get(i).box();
      order.removeIf(j -> {
        Box b = detections.get(j).box();
        double w = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()) + 1);
        double h = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()) + 1);
        return w * h / ((b.w() + 1) * (b.h() + 1)) > maxOverlap;
      });
    }
    return kept;
  }
}
