package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The multi-camera figures, by DukeMTMC's rule: every camera's frames laid on one timeline (camera
 * 1's, then camera 2's, ...: a (camera, frame) pair is one frame), the ground truth's and the
 * tracker's ids global, and the figures of {@link MotEvaluation} computed once over that timeline.
 * So IDF1, IDP and IDR come from one assignment of true identities to tracker identities for all
 * cameras together: a person who keeps one tracker id through three cameras counts every frame; one
 * given a new id in a second camera loses that camera's frames (a missed link), and a tracker id
 * that jumps to another person in another camera loses them too (a cross-camera switch). Each
 * camera's own figures say nothing of either.
 */
public final class MultiCameraScore {
  private MultiCameraScore() {}

  /**
   * {@code groundTruth.get(k)} and {@code results.get(k)}: camera k's rows as MotText reads them
   * (frame, id, x, y, w, h, ...), ids global.
   */
  public static MotMetrics evaluate(List<List<double[]>> groundTruth, List<List<double[]>> results) {
    List<double[]> gt = new ArrayList<>();
    List<double[]> hyp = new ArrayList<>();
    int offset = 0;
    for (int camera = 0; camera < groundTruth.size(); camera++) {
      int last = Math.max(lastFrame(groundTruth.get(camera)), lastFrame(results.get(camera)));
      shifted(groundTruth.get(camera), offset, gt);
      shifted(results.get(camera), offset, hyp);
      offset += last;
    }
    return MotEvaluation.evaluate(gt, hyp);
  }

  private static int lastFrame(List<double[]> rows) {
    int last = 0;
    for (double[] row : rows) {
      last = Math.max(last, (int) row[0]);
    }
    return last;
  }

  private static void shifted(List<double[]> rows, int offset, List<double[]> into) {
    for (double[] row : rows) {
      double[] copy = row.clone();
      copy[0] += offset;
      into.add(copy);
    }
  }
}
