package org.deepmetric.track;

/**
 * SORT's Kalman filter as OC-SORT and Deep OC-SORT keep it for one track (their filterpy-derived
 * KalmanFilterNew), constant velocity, one frame a step, corrected in Joseph's form. Two models:
 * <ul>
 *   <li>{@link Model#XYSR}, SORT's and OC-SORT's: the state (centre x, centre y, area s, aspect
 *       r = w / h, and the velocities of x, y and s); measurement noise R = diag(1, 1, 10, 10),
 *       start P = diag(10, 10, 10, 10, 1e4, 1e4, 1e4), process noise Q = diag(1, 1, 1, 1, 0.01,
 *       0.01, 1e-4).
 *   <li>{@link Model#XYWH}, Deep OC-SORT's: the state (centre x, centre y, w, h and their
 *       velocities); its tracker passes Q and R scaled by the box (deviations w / 20 and h / 20
 *       for positions, w / 160 and h / 160 for velocities); the filter's own, which the replay
 *       below uses, are identities. Start P: those deviations squared, x4 for positions, x100
 *       for velocities.
 * </ul>
 *
 * <p>Observation-centric re-update: when a track that went unobserved is observed again, the
 * state frozen at its first unobserved frame is restored, and a virtual trajectory (box centre,
 * width and height moving linearly from the last measurement to the new one, one box a frame) is
 * replayed through update and predict, before the new measurement's own update. The authors keep
 * every update's measurement for this; the last one and a count of the frames since are enough.
 */
final class SortKalmanFilter {
  /** The state's box parameters: (x, y, area, aspect) or (x, y, width, height). */
  enum Model { XYSR, XYWH }

  private static final double[] SORT_R = {1, 1, 10, 10};
  private static final double[] SORT_Q = {1, 1, 1, 1, 0.01, 0.01, 1e-4};
  private static final double POSITION_WEIGHT = 1.0 / 20;
  private static final double VELOCITY_WEIGHT = 1.0 / 160;

  private final Model model;
  private final int n;
  private double[] x;
  private double[][] p;
  private boolean observed;
  /** The latest measurement, and the updates without one since it (the authors keep every update's). */
  private double[] lastMeasurement;
  private int missedSince;
  private Frozen frozen;

  /** What freezing keeps: the state and the measurement before the gap. */
  private record Frozen(double[] x, double[][] p, double[] lastMeasurement) {}

  /** A filter at the measurement {@code z} (the model's four box parameters), velocities unknown. */
  SortKalmanFilter(double[] z, Model model) {
    this.model = model;
    this.n = model == Model.XYSR ? 7 : 8;
    x = new double[n];
    p = new double[n][n];
    System.arraycopy(z, 0, x, 0, 4);
    double[] q = model == Model.XYSR ? null : processNoise(z[2], z[3]);
    for (int i = 0; i < n; i++) {
      p[i][i] = model == Model.XYSR ? (i < 4 ? 10 : 1e4) : q[i] * (i < 4 ? 4 : 100);
    }
  }

  /** The state; the caller may change it in place, as the trackers do. */
  double[] state() {
    return x;
  }

  /** Deep OC-SORT's process noise variances for a box w wide and h high. */
  static double[] processNoise(double w, double h) {
    double pw = POSITION_WEIGHT * w;
    double ph = POSITION_WEIGHT * h;
    double vw = VELOCITY_WEIGHT * w;
    double vh = VELOCITY_WEIGHT * h;
    return new double[] {pw * pw, ph * ph, pw * pw, ph * ph, vw * vw, vh * vh, vw * vw, vh * vh};
  }

  /** Deep OC-SORT's measurement noise variances for a box w wide and h high. */
  static double[] measurementNoise(double w, double h) {
    double mw = POSITION_WEIGHT * w;
    double mh = POSITION_WEIGHT * h;
    return new double[] {mw * mw, mh * mh, mw * mw, mh * mh};
  }

  /** x = F x, P = F P F^T + Q, with the diagonal {@code q} (null: the filter's own). */
  void predict(double[] q) {
    int moving = model == Model.XYSR ? 3 : 4;
    for (int i = 0; i < moving; i++) {
      x[i] += x[i + 4];
    }
    double[][] fp = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        fp[i][j] = p[i][j] + (i < moving ? p[i + 4][j] : 0);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p[i][j] = fp[i][j] + (j < moving ? fp[i][j + 4] : 0) + (i == j ? processVariance(q, i) : 0);
      }
    }
  }

  private double processVariance(double[] q, int i) {
    return q != null ? q[i] : model == Model.XYSR ? SORT_Q[i] : 1;
  }

  /**
   * Corrects by the measurement {@code z} with the diagonal noise {@code r} (null: the filter's
   * own); a null {@code z} records a frame without one.
   */
  void update(double[] z, double[] r) {
    if (z == null) {
      if (observed) {
        frozen = new Frozen(x.clone(), copy(p), lastMeasurement.clone());
      }
      missedSince++;
      observed = false;
      return;
    }
    // After a replay the authors' history ends with its last virtual box, not z: it is the one the
    // next gap starts from (equal to z but for rounding).
    double[] latest = observed ? z : reUpdate(z);
    observed = true;
    lastMeasurement = latest;
    missedSince = 0;
    correct(z, r);
  }

  /**
   * Restores the frozen state and replays the virtual trajectory up to the measurement
   * {@code box2}; returns the last virtual box ({@code box2} itself when nothing was frozen).
   */
  private double[] reUpdate(double[] box2) {
    if (frozen == null) {
      return box2;
    }
    x = frozen.x();
    p = frozen.p();
    double[] box1 = frozen.lastMeasurement();
    frozen = null;
    double w1 = model == Model.XYSR ? Math.sqrt(box1[2] * box1[3]) : box1[2];
    double h1 = model == Model.XYSR ? Math.sqrt(box1[2] / box1[3]) : box1[3];
    double w2 = model == Model.XYSR ? Math.sqrt(box2[2] * box2[3]) : box2[2];
    double h2 = model == Model.XYSR ? Math.sqrt(box2[2] / box2[3]) : box2[3];
    int gap = missedSince + 1;
    double dx = (box2[0] - box1[0]) / gap;
    double dy = (box2[1] - box1[1]) / gap;
    double dw = (w2 - w1) / gap;
    double dh = (h2 - h1) / gap;
    double[] virtual = box2;
    for (int i = 0; i < gap; i++) {
      double w = w1 + (i + 1) * dw;
      double h = h1 + (i + 1) * dh;
      double cx = box1[0] + (i + 1) * dx;
      double cy = box1[1] + (i + 1) * dy;
      virtual = model == Model.XYSR ? new double[] {cx, cy, w * h, w / h} : new double[] {cx, cy, w, h};
      correct(virtual, null);
      if (i != gap - 1) {
        predict(null);
      }
    }
    return virtual;
  }

  /**
   * Deep OC-SORT's camera-motion correction by the affine warp [m | t] (2x3), of the state, the
   * frozen state and the measurement before the gap: XYWH turns every (x, y), (w, h) pair of
   * state and velocity by m and shifts the centre by t; XYSR turns the centre and its velocity.
   */
  void applyAffine(double[][] warp) {
    x = warped(x, warp);
    p = warped(p, warp);
    if (!observed && frozen != null) {
      double[] m = frozen.lastMeasurement().clone();
      double[] c = turn(warp, m[0], m[1], true);
      m[0] = c[0];
      m[1] = c[1];
      if (model == Model.XYWH) {
        double[] wh = turn(warp, m[2], m[3], false);
        m[2] = wh[0];
        m[3] = wh[1];
      }
      frozen = new Frozen(warped(frozen.x(), warp), warped(frozen.p(), warp), m);
    }
  }

  private double[] warped(double[] state, double[][] warp) {
    double[] out = state.clone();
    for (int pair = 0; pair < n / 2; pair++) {
      int i = 2 * pair;
      if (model == Model.XYSR && i != 0 && i != 4) {
        continue;
      }
      double[] t = turn(warp, state[i], state[i + 1], i == 0);
      out[i] = t[0];
      out[i + 1] = t[1];
    }
    return out;
  }

  /**
   * XYWH: B P B^T, B the warp's 2x2 part m on each pair of the state. XYSR, as Deep OC-SORT
   * writes it: only the centre's and its velocity's 2x2 blocks turn (m P m^T), the rest stays.
   */
  private double[][] warped(double[][] cov, double[][] warp) {
    double[][] out = copy(cov);
    for (int i = 0; i < n; i += 2) {
      for (int j = 0; j < n; j += 2) {
        boolean turns = model == Model.XYWH || (i == j && (i == 0 || i == 4));
        if (!turns) {
          continue;
        }
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            double sum = 0;
            for (int c = 0; c < 2; c++) {
              for (int d = 0; d < 2; d++) {
                sum += warp[a][c] * cov[i + c][j + d] * warp[b][d];
              }
            }
            out[i + a][j + b] = sum;
          }
        }
      }
    }
    return out;
  }

  /** m (a, b), plus t where {@code shift}. */
  static double[] turn(double[][] warp, double a, double b, boolean shift) {
    return new double[] {warp[0][0] * a + warp[0][1] * b + (shift ? warp[0][2] : 0),
        warp[1][0] * a + warp[1][1] * b + (shift ? warp[1][2] : 0)};
  }

  /** K = P H^T S^-1 with S = H P H^T + R; x += K (z - H x); P = (I - K H) P (I - K H)^T + K R K^T. */
  private void correct(double[] z, double[] rDiag) {
    double[] r = rDiag != null ? rDiag : model == Model.XYSR ? SORT_R : new double[] {1, 1, 1, 1};
    double[][] s = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        s[i][j] = p[i][j] + (i == j ? r[i] : 0);
      }
    }
    double[][] si = inverse(s);
    double[][] k = new double[n][4];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        for (int m = 0; m < 4; m++) {
          k[i][j] += p[i][m] * si[m][j];
        }
      }
    }
    double[] innovation = new double[4];
    for (int j = 0; j < 4; j++) {
      innovation[j] = z[j] - x[j];
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i] += k[i][j] * innovation[j];
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = (i == j ? 1 : 0) - (j < 4 ? k[i][j] : 0);
      }
    }
    double[][] ap = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int m = 0; m < n; m++) {
          ap[i][j] += a[i][m] * p[m][j];
        }
      }
    }
    double[][] next = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int m = 0; m < n; m++) {
          sum += ap[i][m] * a[j][m];
        }
        for (int m = 0; m < 4; m++) {
          sum += k[i][m] * r[m] * k[j][m];
        }
        next[i][j] = sum;
      }
    }
    p = next;
  }

  /** The inverse of a 4 x 4 matrix by Gauss-Jordan elimination with partial pivoting. */
  static double[][] inverse(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      double d = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c && a[r][c] != 0) {
          double f = a[r][c];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inv[i], 0, n);
    }
    return inv;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
