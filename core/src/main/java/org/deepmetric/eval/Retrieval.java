package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Relevance;

/**
 * Ranks a gallery for each query and accumulates CMC, mAP and mINP under a {@link Protocol}.
 * Each gallery item is GOOD, JUNK or NEGATIVE by {@link Relevance}; junk is taken out of the
 * ranking, and ties are broken by gallery order, as MATLAB's stable sort does. The rank of each
 * good item is counted without sorting the gallery: one pass puts every non-junk item into the
 * gap between the sorted good items it falls in.
 */
public final class Retrieval {
  public static final int MAX_RANK = 50;

  private final int[] galleryIds;
  private final int[] galleryCameras;
  private final Protocol protocol;
  private final double[] cmc = new double[MAX_RANK];
  private double ap;
  private double inp;
  private int queries;
  private int withoutMatch;

  public Retrieval(int[] galleryIds, int[] galleryCameras, Protocol protocol) {
    this.galleryIds = galleryIds;
    this.galleryCameras = galleryCameras;
    this.protocol = protocol;
  }

  /** Adds one query given its distances to every gallery item, from {@code offset} in {@code distances}. */
  public void add(int queryId, int queryCamera, float[] distances, int offset) {
    boolean[] junk = new boolean[galleryIds.length];
    List<Long> goodKeys = new ArrayList<>();
    for (int i = 0; i < galleryIds.length; i++) {
      Relevance relevance = Relevance.of(queryId, queryCamera, galleryIds[i], galleryCameras[i]);
      junk[i] = relevance == Relevance.JUNK;
      if (relevance == Relevance.GOOD) {
        goodKeys.add(key(distances[offset + i], i));
      }
    }
    if (goodKeys.isEmpty()) {
      addRanks(new int[0]);
      return;
    }
    long[] good = goodKeys.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(good);
    // gaps[t]: non-junk items with exactly t good keys at or below their own key
    int[] gaps = new int[good.length + 1];
    for (int i = 0; i < galleryIds.length; i++) {
      if (!junk[i]) {
        gaps[upperBound(good, key(distances[offset + i], i))]++;
      }
    }
    int[] ranks = new int[good.length];
    int before = 0;
    for (int j = 0; j < ranks.length; j++) {
      before += gaps[j];
      ranks[j] = before;
    }
    addRanks(ranks);
  }

  /**
   * Adds one query by where its true matches stand: {@code ranks[j]} is the 0-based position of
   * the j-th true match among the non-junk gallery items, ascending; none means the query has no
   * true match in the gallery. For rankings made elsewhere (a distributed top-k, say).
   */
  public void addRanks(int[] ranks) {
    if (ranks.length == 0) {
      withoutMatch++;
      if (protocol == Protocol.KIT) {
        queries++;
      }
      return;
    }
    accumulate(ranks);
  }

  /**
   * The first {@code k} gallery indices in ranking order with junk taken out, as the metrics
   * count them; for the ranked-result pictures.
   */
  public int[] ranked(int queryId, int queryCamera, float[] distances, int offset, int k) {
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < galleryIds.length; i++) {
      if (Relevance.of(queryId, queryCamera, galleryIds[i], galleryCameras[i]) != Relevance.JUNK) {
        keys.add(key(distances[offset + i], i));
      }
    }
    keys.sort(null);
    return keys.stream().limit(k).mapToInt(key -> (int) (long) key).toArray();
  }

  /** {@code ranks[j]}: 0-based position of the j-th true match among the non-junk items. */
  private void accumulate(int[] ranks) {
    int n = ranks.length;
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double precision = (j + 1.0) / (ranks[j] + 1);
      if (protocol == Protocol.KIT) {
        // The precision just before this match: 1 at the top, as compute_AP.m starts.
        double previous = ranks[j] == 0 ? 1.0 : (double) j / ranks[j];
        sum += (previous + precision) / 2 / n;
      } else {
        sum += precision / n;
      }
    }
    for (int k = ranks[0]; k < MAX_RANK; k++) {
      cmc[k]++;
    }
    ap += sum;
    inp += (double) n / (ranks[n - 1] + 1);
    queries++;
  }

  public RankingMetrics metrics() {
    double[] curve = new double[MAX_RANK];
    for (int k = 0; k < MAX_RANK; k++) {
      curve[k] = queries == 0 ? 0 : cmc[k] / queries;
    }
    return new RankingMetrics(protocol, curve, queries == 0 ? 0 : ap / queries, queries == 0 ? 0 : inp / queries,
        queries, withoutMatch);
  }

  /** Scores {@code task}: distances a block of queries at a time, or after k-reciprocal re-ranking if asked. */
  public static RankingMetrics evaluate(RankingTask task, Metric metric, boolean rerank) {
    Retrieval retrieval = new Retrieval(ids(task.gallery()), cameras(task.gallery()), task.protocol());
    int[] queryIds = ids(task.queries());
    int[] queryCameras = cameras(task.queries());
    FeatureMatrix query = task.queryFeatures();
    FeatureMatrix gallery = task.galleryFeatures();
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

  static int[] ids(List<PersonImage> items) {
    return items.stream().mapToInt(PersonImage::personId).toArray();
  }

  static int[] cameras(List<PersonImage> items) {
    return items.stream().mapToInt(PersonImage::camera).toArray();
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
