package org.deepmetric.eval;

/**
 * How a test ranking is scored, as {@code --protocol} spells it. Both take junk out of the
 * ranking by the same rule (the data.reid Relevance rule) and count CMC up to rank 50.
 * <ul>
 *   <li>{@code kit}: the datasets' own MATLAB kits (Market-1501's evaluation.m, MARS's
 *       evaluation_mars.m with compute_AP.m): AP by the trapezoid rule, summing
 *       (recall - old recall) x (old precision + precision) / 2 with old precision starting at 1;
 *       every query counts, and one without a true match scores AP 0 and no CMC hit (the kits
 *       would make it NaN);
 *   <li>{@code torchreid}: torchreid's and fast-reid's evaluation: non-interpolated AP, the mean
 *       of the precisions at each true match; queries without a true match are skipped and counted.
 * </ul>
 * mINP (fast-reid: true matches over the rank of the last one) is reported under both.
 */
public enum Protocol {
  KIT("kit", "AP by the kits' trapezoid rule, every query counted"),
  TORCHREID("torchreid", "non-interpolated AP, queries without a true match skipped");

  private final String flag;
  private final String rules;

  Protocol(String flag, String rules) {
    this.flag = flag;
    this.rules = rules;
  }

  /** The scoring rules in a few words, for printed figures. */
  public String rules() {
    return rules;
  }

  @Override
  public String toString() {
    return flag;
  }
}
