package org.deepmetric.track;

/**
 * A box in image pixels as MOTChallenge writes it: top-left corner (x, y), width and height.
 * The Kalman filter works on (centre x, centre y, aspect = w / h, h) instead.
 */
public record Box(double x, double y, double w, double h) {
  /** (centre x, centre y, aspect w / h, height), the filter's measurement. */
  public double[] toXyah() {
    return new double[] {x + w / 2, y + h / 2, w / h, h};
  }

  /** The box of a filter state's first four values (centre x, centre y, aspect, height). */
  public static Box fromXyah(double[] xyah) {
    double w = xyah[2] * xyah[3];
    return new Box(xyah[0] - w / 2, xyah[1] - xyah[3] / 2, w, xyah[3]);
  }

  /** (centre x, centre y, width, height), BoT-SORT's filter's measurement. */
  public double[] toXywh() {
    return new double[] {x + w / 2, y + h / 2, w, h};
  }

  /** The box of a BoT-SORT filter state's first four values (centre x, centre y, width, height). */
  public static Box fromXywh(double[] xywh) {
    return new Box(xywh[0] - xywh[2] / 2, xywh[1] - xywh[3] / 2, xywh[2], xywh[3]);
  }

  /** Intersection over union; 0 for boxes that do not overlap. */
  public double iou(Box other) {
    double left = Math.max(x, other.x);
    double top = Math.max(y, other.y);
    double right = Math.min(x + w, other.x + other.w);
    double bottom = Math.min(y + h, other.y + other.h);
    double intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
    double union = w * h + other.w * other.h - intersection;
    return union <= 0 ? 0 : intersection / union;
  }
}
