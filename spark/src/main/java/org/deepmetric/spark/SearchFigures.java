package org.deepmetric.spark;

import java.util.Locale;
import org.deepmetric.eval.Protocol;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.eval.Retrieval;
import java.util.Arrays;

/**
 * CMC and mAP from top-k lists. {@code upper} places every true match that the top {@code topK}
 * missed right after it, {@code lower} at the very end of the ranking; both are scored by
 * {@link Retrieval}'s rules for {@code protocol}, so with every match listed they are exactly
 * what {@code evaluate} prints. Rank-k is exact for k up to {@code topK} either way.
 */
public record SearchFigures(RankingMetrics lower, RankingMetrics upper, int topK, int queriesBeyondTopK) {
  /** Whether every true match of every query was in its top k, so that lower == upper. */
  public boolean exact() {
    return queriesBeyondTopK == 0;
  }

  public String summary() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[protocol %s]", lower.protocol()));
    for (int k : new int[] {1, 5, 10, 20}) {
      if (k <= topK) {
        line.append(String.format(Locale.ROOT, " Rank-%d %.4f ", k, lower.rank(k)));
      }
    }
    if (exact()) {
      line.append(String.format(Locale.ROOT, " mAP %.4f  (%d queries; every true match within the top %d: exact)",
          lower.map(), lower.queries(), topK));
    } else {
      line.append(String.format(Locale.ROOT, " mAP between %.4f and %.4f  (%d queries, %d with true matches beyond "
              + "the top %d: counted from the end of the ranking up to right after the top %d)", lower.map(),
          upper.map(), lower.queries(), queriesBeyondTopK, topK, topK));
    }
    if (lower.queriesWithoutMatch() > 0) {
      line.append(String.format(Locale.ROOT, "; %d without a true match %s", lower.queriesWithoutMatch(),
          lower.protocol() == Protocol.KIT ? "scored 0" : "skipped"));
    }
    return line.toString();
  }

  /** What one query's gallery holds for it, from the counts per identity and camera. */
  record Counts(int good, long nonJunk) {}

  /** Collects the queries one at a time. */
  static final class Builder {
    private final Retrieval lower;
    private final Retrieval upper;
    private final int topK;
    private int beyond;

    Builder(Protocol protocol, int topK) {
      this.lower = new Retrieval(new int[0], new int[0], protocol);
      this.upper = new Retrieval(new int[0], new int[0], protocol);
      this.topK = topK;
    }

    /** A query whose top-k list holds true matches at {@code places} (0-based, ascending). */
    void add(int[] places, Counts counts) {
      int missing = counts.good() - places.length;
      if (missing < 0) {
        throw new IllegalStateException(places.length + " true matches listed, " + counts.good() + " in the gallery");
      }
      if (missing == 0) {
        lower.addRanks(places);
        upper.addRanks(places);
        return;
      }
      beyond++;
      int[] early = Arrays.copyOf(places, counts.good());
      int[] late = Arrays.copyOf(places, counts.good());
      for (int j = 0; j < missing; j++) {
        early[places.length + j] = topK + j;
        late[places.length + j] = (int) (counts.nonJunk() - missing + j);
      }
      upper.addRanks(early);
      lower.addRanks(late);
    }

    SearchFigures build() {
      return new SearchFigures(lower.metrics(), upper.metrics(), topK, beyond);
    }
  }
}
