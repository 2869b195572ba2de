package org.deepmetric.track;

/**
 * deep_sort's Kalman filter over the 8-dimensional state (centre x, centre y, aspect, height and
 * their velocities), constant velocity with a time step of one frame. Noise is relative to the
 * box height: position standard deviation h / 20 and velocity h / 160 (aspect 1e-2 and 1e-5, as
 * deep_sort); a new track starts at twice the position and ten times the velocity deviation;
 * the measurement noise is h / 20 (aspect 1e-1). Means are double[8], covariances double[8][8].
 * BoT-SORT's variant ({@link Measurement#XYWH}) measures (centre x, centre y, width, height)
 * instead, with every x and width deviation relative to the width and every y and height one to
 * the height.
 */
public final class KalmanFilter {
  /** What the filter measures: deep_sort's (x, y, aspect, h) or BoT-SORT's (x, y, w, h). */
  public enum Measurement { XYAH, XYWH }

  private final Measurement measurement;

  /** deep_sort's filter. */
  public KalmanFilter() {
    this(Measurement.XYAH);
  }

  public KalmanFilter(Measurement measurement) {
    this.measurement = measurement;
  }

  /** Position and velocity deviations of a state whose box is w wide and h high, scaled by {@code position}, {@code velocity}. */
  private double[] deviations(double w, double h, double position, double velocity, double aspect, double aspectVelocity) {
    return measurement == Measurement.XYWH
        ? new double[] {position * w, position * h, position * w, position * h, velocity * w, velocity * h,
            velocity * w, velocity * h}
        : new double[] {position * h, position * h, aspect, position * h, velocity * h, velocity * h, aspectVelocity,
            velocity * h};
  }
  /** The 0.95 quantile of the chi-square distribution with 4 degrees of freedom: the gate. */
  public static final double GATE_95_4DOF = 9.4877;
  static final double POSITION_WEIGHT = 1.0 / 20;
  static final double VELOCITY_WEIGHT = 1.0 / 160;

  /** A state estimate: mean and covariance. */
  public record State(double[] mean, double[][] covariance) {}

  /** A new track at a measurement (centre x, centre y, aspect or width, height). */
  public State initiate(double[] z) {
    double[] mean = new double[8];
    System.arraycopy(z, 0, mean, 0, 4);
    double[] std = deviations(z[2], z[3], 2 * POSITION_WEIGHT, 10 * VELOCITY_WEIGHT, 1e-2, 1e-5);
    return new State(mean, diagonalOfSquares(std));
  }

  /** One frame ahead: x' = F x, P' = F P F^T + Q. */
  public State predict(State state) {
    double[] std = deviations(state.mean()[2], state.mean()[3], POSITION_WEIGHT, VELOCITY_WEIGHT, 1e-2, 1e-5);
    double[] mean = state.mean().clone();
    for (int i = 0; i < 4; i++) {
      mean[i] += state.mean()[i + 4];
    }
    double[][] p = state.covariance();
    double[][] fp = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        fp[i][j] = p[i][j] + (i < 4 ? p[i + 4][j] : 0);
      }
    }
    double[][] covariance = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        covariance[i][j] = fp[i][j] + (j < 4 ? fp[i][j + 4] : 0) + (i == j ? std[i] * std[i] : 0);
      }
    }
    return new State(mean, covariance);
  }

  /** The state in measurement space: mean H x, covariance H P H^T + R. */
  public State project(State state) {
    return project(state, 1);
  }

  /**
   * The projection with the measurement noise's deviations scaled by {@code noiseScale}
   * (StrongSORT's NSA filter passes 1 - the detection's confidence).
   */
  public State project(State state, double noiseScale) {
    double[] std = deviations(state.mean()[2], state.mean()[3], noiseScale * POSITION_WEIGHT, 0, noiseScale * 1e-1, 0);
    double[] mean = new double[4];
    double[][] covariance = new double[4][4];
    for (int i = 0; i < 4; i++) {
      mean[i] = state.mean()[i];
      for (int j = 0; j < 4; j++) {
        covariance[i][j] = state.covariance()[i][j] + (i == j ? std[i] * std[i] : 0);
      }
    }
    return new State(mean, covariance);
  }

  /**
   * The correction by a measurement in this filter's terms: (centre x, centre y, aspect, height),
   * or (centre x, centre y, width, height) for {@link Measurement#XYWH}.
   */
  public State update(State state, double[] z) {
    return update(state, z, 1);
  }

  /** The correction with the measurement noise scaled as in {@link #project(State, double)}. */
  public State update(State state, double[] z, double noiseScale) {
    State projected = project(state, noiseScale);
    double[][] s = projected.covariance();
    double[][] l = cholesky(s);
    // Kalman gain K = P H^T S^-1: solve S K^T = H P for each of the 8 columns of H P.
    double[][] gain = new double[8][4];
    for (int i = 0; i < 8; i++) {
      double[] column = new double[4];
      for (int j = 0; j < 4; j++) {
        column[j] = state.covariance()[j][i];
      }
      double[] solved = choleskySolve(l, column);
      System.arraycopy(solved, 0, gain[i], 0, 4);
    }
    double[] innovation = new double[4];
    for (int j = 0; j < 4; j++) {
      innovation[j] = z[j] - projected.mean()[j];
    }
    double[] mean = state.mean().clone();
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 4; j++) {
        mean[i] += gain[i][j] * innovation[j];
      }
    }
    // P' = P - K S K^T
    double[][] covariance = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        double kskt = 0;
        for (int a = 0; a < 4; a++) {
          for (int b = 0; b < 4; b++) {
            kskt += gain[i][a] * s[a][b] * gain[j][b];
          }
        }
        covariance[i][j] = state.covariance()[i][j] - kskt;
      }
    }
    return new State(mean, covariance);
  }

  /** Squared Mahalanobis distance of each measurement to the projected state. */
  public double[] gatingDistance(State state, double[][] measurements) {
    State projected = project(state);
    double[][] l = cholesky(projected.covariance());
    double[] distances = new double[measurements.length];
    for (int m = 0; m < measurements.length; m++) {
      double[] z = new double[4];
      for (int i = 0; i < 4; i++) {
        double sum = measurements[m][i] - projected.mean()[i];
        for (int k = 0; k < i; k++) {
          sum -= l[i][k] * z[k];
        }
        z[i] = sum / l[i][i];
      }
      for (double v : z) {
        distances[m] += v * v;
      }
    }
    return distances;
  }

  private static double[][] diagonalOfSquares(double[] std) {
    double[][] m = new double[std.length][std.length];
    for (int i = 0; i < std.length; i++) {
      m[i][i] = std[i] * std[i];
    }
    return m;
  }

  /** The lower-triangular L with L L^T = a, for a symmetric positive-definite 4 x 4 matrix. */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
      }
    }
    return l;
  }

  /** x with L L^T x = b. */
  private static double[] choleskySolve(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * x[k];
      }
      x[i] = sum / l[i][i];
    }
    return x;
  }
}
