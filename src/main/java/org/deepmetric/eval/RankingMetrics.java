package org.deepmetric.eval;

import java.util.Locale;

/**
 * Retrieval figures averaged over the queries that have a true match: CMC (rank-k accuracy),
 * two mAPs and mINP. {@code mapOfficial} integrates precision over recall by the trapezoid rule
 * as the official Market-1501 kit does; {@code mapTorchreid} is the mean of the precisions at
 * each true match (non-interpolated), as torchreid and fast-reid report. They differ slightly.
 */
public record RankingMetrics(double[] cmc, double mapOfficial, double mapTorchreid, double mInp, int queries,
    int queriesWithoutMatch) {
  public double rank(int k) {
    return cmc[Math.min(k, cmc.length) - 1];
  }

  public String summary() {
    return String.format(Locale.ROOT,
        "Rank-1 %.4f  Rank-5 %.4f  Rank-10 %.4f  Rank-20 %.4f  mAP(official kit, trapezoid) %.4f"
            + "  mAP(torchreid, non-interpolated) %.4f  mINP %.4f  (%d queries%s)",
        rank(1), rank(5), rank(10), rank(20), mapOfficial, mapTorchreid, mInp, queries,
        queriesWithoutMatch == 0 ? "" : ", " + queriesWithoutMatch + " without a true match skipped");
  }
}
