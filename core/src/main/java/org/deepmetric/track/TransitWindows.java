package org.deepmetric.track;

import java.util.Arrays;

/**
 * How long a person takes from leaving one camera to entering another, per ordered pair of
 * cameras (indices): one person cannot make two tracks whose gap falls outside the pair's window
 * [min, max] seconds. A site's layout sets it: cameras on one corridor a few seconds apart, cameras
 * of two floors a minute or more.
 */
public record TransitWindows(double[][] min, double[][] max) {
  /** Every pair from 0 to {@code maxSeconds} seconds; no limit where {@code maxSeconds} is 0. */
  public static TransitWindows uniform(int cameras, double maxSeconds) {
    double[][] min = new double[cameras][cameras];
    double[][] max = new double[cameras][cameras];
    for (double[] row : max) {
      Arrays.fill(row, maxSeconds > 0 ? maxSeconds : Double.POSITIVE_INFINITY);
    }
    return new TransitWindows(min, max);
  }

  /** This table with the window from camera {@code from} to camera {@code to} set to [minSeconds, maxSeconds]. */
  public TransitWindows with(int from, int to, double minSeconds, double maxSeconds) {
    double[][] newMin = Arrays.stream(min).map(double[]::clone).toArray(double[][]::new);
    double[][] newMax = Arrays.stream(max).map(double[]::clone).toArray(double[][]::new);
    newMin[from][to] = minSeconds;
    newMax[from][to] = maxSeconds;
    return new TransitWindows(newMin, newMax);
  }

  /** Whether a person may leave camera {@code from} and enter camera {@code to} {@code gapSeconds} later. */
  public boolean allows(int from, int to, double gapSeconds) {
    return gapSeconds >= min[from][to] && gapSeconds <= max[from][to];
  }
}
