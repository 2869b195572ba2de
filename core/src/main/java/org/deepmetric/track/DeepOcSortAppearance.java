package org.deepmetric.track;

/**
 * Deep OC-SORT's appearance arithmetic, as its authors' association and tracker compute it: the
 * adaptive weighting of the detection x track cosine similarities, the confidence-dependent weight
 * of a track's feature average, and the dot product they rest on.
 */
final class DeepOcSortAppearance {
  private DeepOcSortAppearance() {}

  /**
   * Deep OC-SORT's weight of the past in a track's feature average: alphaFixed + (1 - alphaFixed)
   * x (1 - trust), trust = (score - detThresh) / (1 - detThresh); the more confident, the more the
   * detection's feature counts.
   */
  static double emaAlpha(double score, double detThresh, double alphaFixed) {
    double trust = (score - detThresh) / (1 - detThresh);
    return alphaFixed + (1 - alphaFixed) * (1 - trust);
  }

  /**
   * Each similarity times the weight plus, unless adaptive weighting is off, half the gap between
   * the best and the second-best similarity of its row (with two columns or more) and of its
   * column (with two rows or more), each gap at most awParam.
   */
  static double[][] weighted(double[][] similarity, OcSort.Appearance appearance) {
    int nd = similarity.length;
    int nt = nd == 0 ? 0 : similarity[0].length;
    double[][] weighted = new double[nd][nt];
    double[] rowBonus = new double[nd];
    double[] colBonus = new double[nt];
    if (!appearance.awOff()) {
      for (int i = 0; i < nd && nt >= 2; i++) {
        rowBonus[i] = Math.min(gap(similarity[i]), appearance.awParam()) / 2;
      }
      for (int j = 0; j < nt && nd >= 2; j++) {
        double[] column = new double[nd];
        for (int i = 0; i < nd; i++) {
          column[i] = similarity[i][j];
        }
        colBonus[j] = Math.min(gap(column), appearance.awParam()) / 2;
      }
    }
    for (int i = 0; i < nd; i++) {
      for (int j = 0; j < nt; j++) {
        weighted[i][j] = similarity[i][j] * (appearance.weight() + rowBonus[i] + colBonus[j]);
      }
    }
    return weighted;
  }

  /** a . b in double precision, in four partial sums that the processor can add at once. */
  static double dot(float[] a, float[] b) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < a.length; k += 4) {
      s0 += (double) a[k] * b[k];
      s1 += (double) a[k + 1] * b[k + 1];
      s2 += (double) a[k + 2] * b[k + 2];
      s3 += (double) a[k + 3] * b[k + 3];
    }
    for (; k < a.length; k++) {
      s0 += (double) a[k] * b[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The best value minus the second best. */
  private static double gap(double[] values) {
    double best = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (v > best) {
        second = best;
        best = v;
      } else if (v > second) {
        second = v;
      }
    }
    return best - second;
  }
}
