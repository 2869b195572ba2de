package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepmetric.data.FeatureMatrix;

/**
 * k-reciprocal re-ranking (Zhong, Zheng, Cao and Li, CVPR 2017) with the published defaults
 * k1 20, k2 6, lambda 0.3, following the authors' reference code: squared distances normalised
 * by each row's maximum, k-reciprocal neighbour sets expanded by their half-size reciprocal sets,
 * Gaussian-weighted encodings averaged over k2 neighbours (query expansion), then the Jaccard
 * distance blended with the original one.
 *
 * <p>Only the k nearest neighbours of every item and the sparse encodings are kept, not the
 * N x N matrices of the reference code, so memory grows with N x k.
 */
public final class ReRanking {
  public static final int K1 = 20;
  public static final int K2 = 6;
  public static final float LAMBDA = 0.3f;

  /** Receives the re-ranked distances of one query to every gallery item. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(int query, float[] distances);
  }

  private final FeatureMatrix all;
  private final Metric metric;
  private final int queries;
  private final int k1;
  private final int k2;
  private final float lambda;
  private final float[] rowMax;
  private final int[][] nearest;

  private ReRanking(FeatureMatrix query, FeatureMatrix gallery, Metric metric, int k1, int k2, float lambda) {
    float[] values = Arrays.copyOf(query.values(), query.values().length + gallery.values().length);
    System.arraycopy(gallery.values(), 0, values, query.values().length, gallery.values().length);
    this.all = new FeatureMatrix(values, query.count() + gallery.count(), query.dim());
    this.metric = metric;
    this.queries = query.count();
    this.k1 = k1;
    this.k2 = k2;
    this.lambda = lambda;
    this.rowMax = new float[all.count()];
    this.nearest = new int[all.count()][];
    indexNeighbours(Math.max(k1 + 1, k2));
  }

  /** Re-ranks with the published parameters and hands each query's gallery distances to {@code out}. */
  public static void rerank(FeatureMatrix query, FeatureMatrix gallery, Metric metric, RowConsumer out) {
    rerank(query, gallery, metric, K1, K2, LAMBDA, out);
  }

  public static void rerank(FeatureMatrix query, FeatureMatrix gallery, Metric metric, int k1, int k2, float lambda,
      RowConsumer out) {
    new ReRanking(query, gallery, metric, k1, k2, lambda).run(out);
  }

  /** One pass over all distances: each row's maximum and its nearest items (itself first). */
  private void indexNeighbours(int keep) {
    try (DistanceBlocks blocks = new DistanceBlocks(all, metric)) {
      for (int from = 0; from < all.count(); from += DistanceBlocks.BLOCK) {
        int to = Math.min(all.count(), from + DistanceBlocks.BLOCK);
        float[] block = blocks.block(all, from, to);
        for (int r = from; r < to; r++) {
          int base = (r - from) * all.count();
          long[] keys = new long[all.count()];
          float max = 0;
          for (int j = 0; j < all.count(); j++) {
            float d = block[base + j] * block[base + j];
            max = Math.max(max, d);
            keys[j] = Retrieval.key(d, j);
          }
          rowMax[r] = max;
          nearest[r] = smallest(keys, Math.min(keep, all.count()));
        }
      }
    }
  }

  /** The original distance of the reference code: squared, divided by the row's maximum. */
  private float distance(int i, int j) {
    float d = metric.between(all, i, all, j);
    return rowMax[i] == 0 ? 0 : d * d / rowMax[i];
  }

  private void run(RowConsumer out) {
    List<Map<Integer, Float>> encodings = new ArrayList<>(all.count());
    for (int i = 0; i < all.count(); i++) {
      encodings.add(encode(i));
    }
    if (k2 != 1) {
      List<Map<Integer, Float>> expanded = new ArrayList<>(all.count());
      for (int i = 0; i < all.count(); i++) {
        Map<Integer, Float> mean = new HashMap<>();
        for (int n = 0; n < k2; n++) {
          encodings.get(nearest[i][n]).forEach((j, v) -> mean.merge(j, v / k2, Float::sum));
        }
        expanded.add(mean);
      }
      encodings = expanded;
    }
    List<List<int[]>> byColumn = new ArrayList<>(all.count());
    for (int j = 0; j < all.count(); j++) {
      byColumn.add(new ArrayList<>());
    }
    for (int i = 0; i < all.count(); i++) {
      for (Map.Entry<Integer, Float> e : encodings.get(i).entrySet()) {
        byColumn.get(e.getKey()).add(new int[] {i, Float.floatToIntBits(e.getValue())});
      }
    }
    int gallery = all.count() - queries;
    for (int q = 0; q < queries; q++) {
      float[] shared = new float[all.count()];
      for (Map.Entry<Integer, Float> e : encodings.get(q).entrySet()) {
        for (int[] entry : byColumn.get(e.getKey())) {
          shared[entry[0]] += Math.min(e.getValue(), Float.intBitsToFloat(entry[1]));
        }
      }
      float[] row = new float[gallery];
      for (int g = 0; g < gallery; g++) {
        float jaccard = 1 - shared[queries + g] / (2 - shared[queries + g]);
        row[g] = jaccard * (1 - lambda) + distance(q, queries + g) * lambda;
      }
      out.accept(q, row);
    }
  }

  /** The Gaussian-weighted k-reciprocal encoding of item i, sparse. */
  private Map<Integer, Float> encode(int i) {
    int[] reciprocal = reciprocal(i, k1);
    Set<Integer> expansion = new HashSet<>();
    for (int r : reciprocal) {
      expansion.add(r);
    }
    int half = (int) Math.rint(k1 / 2.0);
    Set<Integer> reciprocalSet = new HashSet<>(expansion);
    for (int candidate : reciprocal) {
      int[] candidateSet = reciprocal(candidate, half);
      int common = 0;
      for (int c : candidateSet) {
        common += reciprocalSet.contains(c) ? 1 : 0;
      }
      if (common > 2.0 / 3 * candidateSet.length) {
        for (int c : candidateSet) {
          expansion.add(c);
        }
      }
    }
    Map<Integer, Float> weights = new HashMap<>();
    double total = 0;
    for (int j : expansion) {
      double w = Math.exp(-distance(i, j));
      weights.put(j, (float) w);
      total += w;
    }
    float norm = (float) total;
    weights.replaceAll((j, w) -> w / norm);
    return weights;
  }

  /** Items among i's k+1 nearest that also have i among their k+1 nearest. */
  private int[] reciprocal(int i, int k) {
    int size = Math.min(k + 1, nearest[i].length);
    int[] found = new int[size];
    int count = 0;
    for (int n = 0; n < size; n++) {
      int candidate = nearest[i][n];
      int[] back = nearest[candidate];
      for (int m = 0; m < Math.min(k + 1, back.length); m++) {
        if (back[m] == i) {
          found[count++] = candidate;
          break;
        }
      }
    }
    return Arrays.copyOf(found, count);
  }

  /** Indices of the {@code k} smallest keys, in ascending order: one pass with a sorted window of k. */
  private static int[] smallest(long[] keys, int k) {
    long[] window = new long[k];
    Arrays.fill(window, Long.MAX_VALUE);
    for (long key : keys) {
      if (key < window[k - 1]) {
        int at = k - 1;
        while (at > 0 && window[at - 1] > key) {
          window[at] = window[at - 1];
          at--;
        }
        window[at] = key;
      }
    }
    int[] out = new int[k];
    for (int n = 0; n < k; n++) {
      out[n] = (int) window[n];
    }
    return out;
  }
}
