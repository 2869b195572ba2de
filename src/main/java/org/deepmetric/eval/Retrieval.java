package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks a gallery for each query under the Market-1501 rules and accumulates the metrics.
 *
 * <p>Definitions, per query with person p seen by camera c:
 * <ul>
 *   <li>good: gallery items of person p from another camera;
 *   <li>junk: items of person -1, and items of person p from camera c; they are removed from the
 *       ranking (the official kit skips them; torchreid removes same-person-same-camera items and
 *       never loads -1), so both count the same ranks;
 *   <li>distractors (person 0) and everyone else are negatives;
 *   <li>ties are broken by gallery order, as MATLAB's stable sort does.
 * </ul>
 * The rank of each good item is counted without sorting the gallery: one pass puts every
 * non-junk item into the gap between the sorted good items it falls in.
 */
public final class Retrieval {
  public static final int MAX_RANK = 50;

  private final int[] galleryIds;
  private final int[] galleryCameras;
  private final Map<Integer, int[]> byPerson = new HashMap<>();
  private final double[] cmc = new double[MAX_RANK];
  private double apOfficial;
  private double apTorchreid;
  private double inp;
  private int queries;
  private int withoutMatch;

  public Retrieval(int[] galleryIds, int[] galleryCameras) {
    this.galleryIds = galleryIds;
    this.galleryCameras = galleryCameras;
    Map<Integer, List<Integer>> grouped = new HashMap<>();
    for (int i = 0; i < galleryIds.length; i++) {
      grouped.computeIfAbsent(galleryIds[i], k -> new ArrayList<>()).add(i);
    }
    grouped.forEach((id, list) -> byPerson.put(id, list.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Adds one query given its distances to every gallery item. */
  public void add(int queryId, int queryCamera, float[] distances, int offset) {
    int[] same = byPerson.getOrDefault(queryId, new int[0]);
    int[] junkPeople = byPerson.getOrDefault(-1, new int[0]);
    List<Integer> goodList = new ArrayList<>();
    boolean[] junk = new boolean[galleryIds.length];
    for (int i : junkPeople) {
      junk[i] = true;
    }
    for (int i : same) {
      if (galleryCameras[i] == queryCamera) {
        junk[i] = true;
      } else if (queryId != -1) {
        goodList.add(i);
      }
    }
    if (goodList.isEmpty()) {
      withoutMatch++;
      return;
    }
    long[] goodKeys = new long[goodList.size()];
    for (int j = 0; j < goodKeys.length; j++) {
      goodKeys[j] = key(distances[offset + goodList.get(j)], goodList.get(j));
    }
    Arrays.sort(goodKeys);
    // gaps[t]: non-junk items with exactly t good keys at or below their own key
    int[] gaps = new int[goodKeys.length + 1];
    for (int i = 0; i < galleryIds.length; i++) {
      if (!junk[i]) {
        int t = upperBound(goodKeys, key(distances[offset + i], i));
        gaps[t]++;
      }
    }
    int[] ranks = new int[goodKeys.length];
    int before = 0;
    for (int j = 0; j < ranks.length; j++) {
      before += gaps[j];
      ranks[j] = before;
    }
    accumulate(ranks);
  }

  /** {@code ranks[j]}: 0-based position of the j-th true match among the non-junk items. */
  private void accumulate(int[] ranks) {
    int n = ranks.length;
    double official = 0;
    double torchreid = 0;
    for (int j = 0; j < n; j++) {
      double precision = (j + 1.0) / (ranks[j] + 1);
      double previousPrecision = ranks[j] == 0 ? 1.0 : (double) j / ranks[j];
      official += (1.0 / n) * (previousPrecision + precision) / 2;
      torchreid += precision / n;
    }
    for (int k = ranks[0]; k < MAX_RANK; k++) {
      cmc[k]++;
    }
    apOfficial += official;
    apTorchreid += torchreid;
    inp += (double) n / (ranks[n - 1] + 1);
    queries++;
  }

  public RankingMetrics metrics() {
    double[] curve = new double[MAX_RANK];
    for (int k = 0; k < MAX_RANK; k++) {
      curve[k] = queries == 0 ? 0 : cmc[k] / queries;
    }
    return new RankingMetrics(curve, queries == 0 ? 0 : apOfficial / queries, queries == 0 ? 0 : apTorchreid / queries,
        queries == 0 ? 0 : inp / queries, queries, withoutMatch);
  }

  /** Evaluates every query against the gallery, block by block, after k-reciprocal re-ranking if asked. */
  public static RankingMetrics evaluate(FeatureMatrix query, int[] queryIds, int[] queryCameras, FeatureMatrix gallery,
      int[] galleryIds, int[] galleryCameras, Metric metric, boolean rerank) {
    Retrieval retrieval = new Retrieval(galleryIds, galleryCameras);
    if (rerank) {
      ReRanking.rerank(query, gallery, metric, (q, row) -> retrieval.add(queryIds[q], queryCameras[q], row, 0));
      return retrieval.metrics();
    }
    try (DistanceBlocks blocks = new DistanceBlocks(gallery, metric)) {
      for (int from = 0; from < query.count(); from += DistanceBlocks.BLOCK) {
        int to = Math.min(query.count(), from + DistanceBlocks.BLOCK);
        float[] distances = blocks.block(query, from, to);
        for (int q = from; q < to; q++) {
          retrieval.add(queryIds[q], queryCameras[q], distances, (q - from) * gallery.count());
        }
      }
    }
    return retrieval.metrics();
  }

  /** Distance then gallery index, as one sortable number (distances are never negative). */
  static long key(float distance, int index) {
    return ((long) Float.floatToIntBits(distance) << 32) | index;
  }

  private static int upperBound(long[] sorted, long key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
