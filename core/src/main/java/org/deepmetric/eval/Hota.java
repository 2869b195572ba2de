package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.track.Assignment;

/**
 * HOTA (Luiten et al., 2021) as TrackEval computes it, at the 19 localisation thresholds
 * alpha = 0.05, 0.10, ... 0.95 (a pair matches at alpha when its IoU is at least alpha).
 *
 * <ol>
 *   <li>Over the whole sequence, each (ground-truth id, tracker id) pair gets a global alignment
 *       score: the sum over frames of IoU / (row sum + column sum - IoU) of that frame's IoU
 *       matrix, divided by (frames of the gt id + frames of the tracker id - that sum).
 *   <li>Per frame, the assignment that maximises alignment score x IoU is made once; at each
 *       alpha its pairs with IoU >= alpha are the true positives (TP), the other gt boxes misses
 *       (FN), the other tracker boxes false positives (FP); matched pairs are counted per id pair.
 *   <li>Per alpha: DetA = TP / (TP + FN + FP), DetRe = TP / (TP + FN), DetPr = TP / (TP + FP);
 *       AssA = the TP-weighted mean over id pairs of matches / (gt id's frames + tracker id's
 *       frames - matches), AssRe and AssPr with only the gt's or the tracker's frames below;
 *       LocA = the mean IoU of the TPs; HOTA = sqrt(DetA x AssA).
 *   <li>Each figure is the mean over the 19 alphas. Sequences combine by summing TP, FN and FP
 *       and averaging AssA, AssRe, AssPr and LocA weighted by TP, per alpha.
 * </ol>
 */
public final class Hota {
  public static final int ALPHAS = 19;
  private static final double EPS = Math.ulp(1.0);

  /** One frame: ground-truth ids, tracker ids and their IoU [gt][tracker]. */
  public record Frame(int[] gtIds, int[] trackerIds, double[][] iou) {}

  /** Per-alpha counts and association figures: what sums over sequences. */
  public record Scores(double[] tp, double[] fn, double[] fp, double[] assocA, double[] assocRe, double[] assocPr,
      double[] loc) {

    /** Two sequences together, as TrackEval's combine_sequences. */
    public Scores plus(Scores o) {
      Scores s = new Scores(new double[ALPHAS], new double[ALPHAS], new double[ALPHAS], new double[ALPHAS],
          new double[ALPHAS], new double[ALPHAS], new double[ALPHAS]);
      for (int a = 0; a < ALPHAS; a++) {
        s.tp[a] = tp[a] + o.tp[a];
        s.fn[a] = fn[a] + o.fn[a];
        s.fp[a] = fp[a] + o.fp[a];
        double weight = Math.max(1e-10, s.tp[a]);
        s.assocA[a] = (assocA[a] * tp[a] + o.assocA[a] * o.tp[a]) / weight;
        s.assocRe[a] = (assocRe[a] * tp[a] + o.assocRe[a] * o.tp[a]) / weight;
        s.assocPr[a] = (assocPr[a] * tp[a] + o.assocPr[a] * o.tp[a]) / weight;
        s.loc[a] = (loc[a] * tp[a] + o.loc[a] * o.tp[a]) / weight;
      }
      return s;
    }

    public double detA(int a) {
      return tp[a] / Math.max(1, tp[a] + fn[a] + fp[a]);
    }

    public double hota(int a) {
      return Math.sqrt(detA(a) * assocA[a]);
    }

    public double hota() {
      double sum = 0;
      for (int a = 0; a < ALPHAS; a++) {
        sum += hota(a);
      }
      return sum / ALPHAS;
    }

    public double detA() {
      double sum = 0;
      for (int a = 0; a < ALPHAS; a++) {
        sum += detA(a);
      }
      return sum / ALPHAS;
    }

    public double detRe() {
      double sum = 0;
      for (int a = 0; a < ALPHAS; a++) {
        sum += tp[a] / Math.max(1, tp[a] + fn[a]);
      }
      return sum / ALPHAS;
    }

    public double detPr() {
      double sum = 0;
      for (int a = 0; a < ALPHAS; a++) {
        sum += tp[a] / Math.max(1, tp[a] + fp[a]);
      }
      return sum / ALPHAS;
    }

    public double assA() {
      return mean(assocA);
    }

    public double assRe() {
      return mean(assocRe);
    }

    public double assPr() {
      return mean(assocPr);
    }

    public double locA() {
      return mean(loc);
    }

    private static double mean(double[] values) {
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      return sum / values.length;
    }
  }

  private Hota() {}

  /** The localisation threshold of index {@code a}: 0.05 (a = 0) to 0.95 (a = 18), as NumPy's arange makes them. */
  public static double alpha(int a) {
    return 0.05 + a * 0.05;
  }

  /** The scores of one sequence's frames. */
  public static Scores of(List<Frame> frames) {
    Map<Integer, Integer> gtFrames = new HashMap<>();
    Map<Integer, Integer> trackerFrames = new HashMap<>();
    Map<Long, Double> potential = new HashMap<>();
    for (Frame f : frames) {
      for (int g : f.gtIds()) {
        gtFrames.merge(g, 1, Integer::sum);
      }
      for (int t : f.trackerIds()) {
        trackerFrames.merge(t, 1, Integer::sum);
      }
      int rows = f.gtIds().length;
      int cols = f.trackerIds().length;
      double[] rowSums = new double[rows];
      double[] colSums = new double[cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          rowSums[i] += f.iou()[i][j];
          colSums[j] += f.iou()[i][j];
        }
      }
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double denominator = rowSums[i] + colSums[j] - f.iou()[i][j];
          if (denominator > EPS) {
            potential.merge(pair(f.gtIds()[i], f.trackerIds()[j]), f.iou()[i][j] / denominator, Double::sum);
          }
        }
      }
    }
    Scores s = new Scores(new double[ALPHAS], new double[ALPHAS], new double[ALPHAS], new double[ALPHAS],
        new double[ALPHAS], new double[ALPHAS], new double[ALPHAS]);
    List<Map<Long, Integer>> matches = new ArrayList<>();
    for (int a = 0; a < ALPHAS; a++) {
      matches.add(new HashMap<>());
    }
    for (Frame f : frames) {
      int rows = f.gtIds().length;
      int cols = f.trackerIds().length;
      if (rows == 0 || cols == 0) {
        for (int a = 0; a < ALPHAS; a++) {
          s.fn[a] += rows;
          s.fp[a] += cols;
        }
        continue;
      }
      double[][] cost = new double[rows][cols];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          int g = f.gtIds()[i];
          int t = f.trackerIds()[j];
          double pot = potential.getOrDefault(pair(g, t), 0.0);
          double alignment = pot / (gtFrames.get(g) + trackerFrames.get(t) - pot);
          cost[i][j] = -alignment * f.iou()[i][j];
        }
      }
      int[] assigned = Assignment.solve(cost);
      for (int a = 0; a < ALPHAS; a++) {
        int matched = 0;
        for (int i = 0; i < rows; i++) {
          int j = assigned[i];
          if (j >= 0 && f.iou()[i][j] >= alpha(a) - EPS) {
            matched++;
            s.loc[a] += f.iou()[i][j];
            matches.get(a).merge(pair(f.gtIds()[i], f.trackerIds()[j]), 1, Integer::sum);
          }
        }
        s.tp[a] += matched;
        s.fn[a] += rows - matched;
        s.fp[a] += cols - matched;
      }
    }
    for (int a = 0; a < ALPHAS; a++) {
      double tpWeight = Math.max(1, s.tp[a]);
      for (Map.Entry<Long, Integer> m : matches.get(a).entrySet()) {
        int g = (int) (m.getKey() >> 32);
        int t = (int) (long) m.getKey();
        double count = m.getValue();
        int gf = gtFrames.get(g);
        int tf = trackerFrames.get(t);
        s.assocA[a] += count * (count / Math.max(1, gf + tf - count));
        s.assocRe[a] += count * (count / Math.max(1, gf));
        s.assocPr[a] += count * (count / Math.max(1, tf));
      }
      s.assocA[a] /= tpWeight;
      s.assocRe[a] /= tpWeight;
      s.assocPr[a] /= tpWeight;
      s.loc[a] = Math.max(1e-10, s.loc[a]) / Math.max(1e-10, s.tp[a]);
    }
    return s;
  }

  private static long pair(int gt, int tracker) {
    return ((long) gt << 32) | (tracker & 0xffffffffL);
  }
}
