package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;
import java.util.TreeSet;

/**
 * The original's validation protocol: for each of several random galleries (seed 4321 + i), every
 * identity contributes one probe and one gallery crop, from two different random cameras when it
 * was seen by several, else two different crops of its one camera (an identity with a single
 * crop sits out); Precision@k is the share of probes whose own gallery crop ranks within the
 * first k, averaged over the galleries.
 */
public final class CmcValidation {
  public static final int[] RANKS = {1, 5, 10, 20};
  public static final long FIRST_SEED = 4321;

  private CmcValidation() {}

  /** One random gallery: probe i's own gallery crop is gallery item i; indices into the image list. */
  public record Draw(List<Integer> probes, List<Integer> gallery) {}

  /** Precision@1/5/10/20 of {@code features} (one row per image of {@code images}). */
  public static double[] precisionAtK(List<PersonImage> images, FeatureMatrix features, Metric metric, int galleries) {
    return precisionAtK(draw(images, galleries), features, metric);
  }

  /** Precision@1/5/10/20 averaged over {@code draws}; only the rows the draws name are read. */
  public static double[] precisionAtK(List<Draw> draws, FeatureMatrix features, Metric metric) {
    double[] precision = new double[RANKS.length];
    for (Draw draw : draws) {
      double[] hits = hits(draw.probes(), draw.gallery(), features, metric);
      for (int r = 0; r < RANKS.length; r++) {
        precision[r] += hits[r] / draws.size();
      }
    }
    return precision;
  }

  /** The images every draw together uses, ascending: the only ones that need encoding. */
  public static int[] used(List<Draw> draws) {
    TreeSet<Integer> used = new TreeSet<>();
    draws.forEach(d -> {
      used.addAll(d.probes());
      used.addAll(d.gallery());
    });
    return used.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The {@code galleries} random draws (seeds 4321 + i) of the protocol above. */
  public static List<Draw> draw(List<PersonImage> images, int galleries) {
    Map<Integer, Map<Integer, List<Integer>>> byPersonAndCamera = new TreeMap<>();
    for (int i = 0; i < images.size(); i++) {
      PersonImage image = images.get(i);
      if (image.personId() >= 0) {
        byPersonAndCamera.computeIfAbsent(image.personId(), k -> new TreeMap<>())
            .computeIfAbsent(image.camera(), k -> new ArrayList<>()).add(i);
      }
    }
    List<Draw> draws = new ArrayList<>();
    for (int g = 0; g < galleries; g++) {
      Random random = new Random(FIRST_SEED + g);
      List<Integer> probes = new ArrayList<>();
      List<Integer> gallery = new ArrayList<>();
      for (Map<Integer, List<Integer>> cameras : byPersonAndCamera.values()) {
        List<List<Integer>> lists = new ArrayList<>(cameras.values());
        if (lists.size() == 1) {
          List<Integer> only = lists.get(0);
          if (only.size() < 2) {
            continue;
          }
          int a = random.nextInt(only.size());
          int b = random.nextInt(only.size() - 1);
          probes.add(only.get(a));
          gallery.add(only.get(b >= a ? b + 1 : b));
          continue;
        }
        int a = random.nextInt(lists.size());
        int b = random.nextInt(lists.size() - 1);
        b = b >= a ? b + 1 : b;
        probes.add(lists.get(a).get(random.nextInt(lists.get(a).size())));
        gallery.add(lists.get(b).get(random.nextInt(lists.get(b).size())));
      }
      draws.add(new Draw(probes, gallery));
    }
    return draws;
  }

  /** Share of probes i whose gallery item i is among the k nearest, for each k in RANKS. */
  static double[] hits(List<Integer> probes, List<Integer> gallery, FeatureMatrix features, Metric metric) {
    double[] hits = new double[RANKS.length];
    if (probes.isEmpty()) {
      return hits;
    }
    for (int p = 0; p < probes.size(); p++) {
      float own = metric.between(features, probes.get(p), features, gallery.get(p));
      int closer = 0;
      for (int g = 0; g < gallery.size(); g++) {
        float d = metric.between(features, probes.get(p), features, gallery.get(g));
        if (d < own || (d == own && g < p)) {
          closer++;
        }
      }
      for (int r = 0; r < RANKS.length; r++) {
        hits[r] += closer < RANKS[r] ? 1.0 / probes.size() : 0;
      }
    }
    return hits;
  }

}
