package org.deepmetric.eval;

import java.util.Locale;

/**
 * The figures of one ranking under {@code protocol}: CMC (rank-k accuracy), mAP and mINP over
 * {@code queries} queries; {@code queriesWithoutMatch} of the queries had no true match in the
 * gallery (counted as zeros under the kit protocol, left out under torchreid's).
 */
public record RankingMetrics(Protocol protocol, double[] cmc, double map, double mInp, int queries,
    int queriesWithoutMatch) {
  public double rank(int k) {
    return cmc[Math.min(k, cmc.length) - 1];
  }

  public String summary() {
    String unmatched = queriesWithoutMatch == 0 ? ""
        : protocol == Protocol.KIT ? ", " + queriesWithoutMatch + " without a true match scored 0"
        : ", " + queriesWithoutMatch + " without a true match skipped";
    return String.format(Locale.ROOT,
        "[protocol %s] Rank-1 %.4f  Rank-5 %.4f  Rank-10 %.4f  Rank-20 %.4f  mAP %.4f  mINP %.4f  (%d queries%s)",
        protocol, rank(1), rank(5), rank(10), rank(20), map, mInp, queries, unmatched);
  }
}
