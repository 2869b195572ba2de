package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.deepmetric.track.Assignment;
import org.deepmetric.track.Box;

/**
 * Scores tracker output against ground truth as py-motmetrics and the MOTChallenge devkit do.
 *
 * <ul>
 *   <li>Ground truth: rows whose confidence (column 7) is 0 are ignored, and so are rows whose
 *       class (column 8, where present) is not 1 (pedestrian); a tracker box that overlaps an
 *       ignored person-like box (class 2, 7, 8 or 12: on a vehicle, static, distractor,
 *       reflection) with IoU of at least 0.5 is taken out before scoring, as the MOT16 devkit does.
 *   <li>A ground-truth box and a tracker box may match when their IoU is at least 0.5; their
 *       distance is 1 - IoU.
 *   <li>CLEAR MOT, frame by frame: a pair matched in the previous frame stays matched while it
 *       may; the rest are matched by minimum total distance; a match whose object was last matched
 *       to another tracker id is an identity switch; unmatched objects are misses (FN) and
 *       unmatched tracker boxes false positives (FP). A fragmentation is a tracked object becoming
 *       untracked between its first and last tracked frame.
 *   <li>IDF1: one global assignment of ground-truth ids to tracker ids that maximises the frames
 *       in which the pair may match (IDTP); every other ground-truth box is an IDFN and every other
 *       tracker box an IDFP.
 *   <li>HOTA, DetA, AssA, LocA and their recall and precision parts as TrackEval computes them,
 *       on the same boxes ({@link Hota}).
 * </ul>
 */
public final class MotEvaluation {
  static final double MAX_DISTANCE = 0.5;
  private static final Set<Integer> PERSON_LIKE = Set.of(2, 7, 8, 12);

  private MotEvaluation() {}

  /** Rows as MotText reads them: frame, id, x, y, w, h, ... */
  public static MotMetrics evaluate(List<double[]> groundTruth, List<double[]> results) {
    Map<Integer, Map<Integer, Box>> gt = new TreeMap<>();
    Map<Integer, Map<Integer, Box>> hyp = byFrame(results);
    Map<Integer, List<Box>> ignored = new HashMap<>();
    for (double[] row : groundTruth) {
      boolean consider = row.length < 7 || row[6] != 0;
      int classId = row.length >= 8 ? (int) row[7] : 1;
      if (consider && classId == 1) {
        gt.computeIfAbsent((int) row[0], f -> new TreeMap<>()).put((int) row[1], box(row));
      } else if (PERSON_LIKE.contains(classId)) {
        ignored.computeIfAbsent((int) row[0], f -> new ArrayList<>()).add(box(row));
      }
    }
    ignored.forEach((frame, boxes) -> removeMatched(hyp.get(frame), boxes));

    Set<Integer> frames = new TreeSet<>(gt.keySet());
    frames.addAll(hyp.keySet());
    Clear clear = new Clear();
    Identities identities = new Identities();
    List<Hota.Frame> hotaFrames = new ArrayList<>();
    for (int frame : frames) {
      hotaFrames.add(hotaFrame(gt.getOrDefault(frame, Map.of()), hyp.getOrDefault(frame, Map.of())));
      FramePairs pairs = FramePairs.of(gt.getOrDefault(frame, Map.of()), hyp.getOrDefault(frame, Map.of()));
      identities.add(pairs);
      clear.add(pairs);
    }
    Coverage coverage = Coverage.of(clear.trackedHistory.values());
    long idtp = identities.truePositives();
    return new MotMetrics(frames.size(), clear.groundTruthBoxes, clear.matches, clear.switches, clear.falsePositives,
        clear.misses, coverage.fragmentations, clear.iouSum, coverage.mostlyTracked, coverage.partlyTracked,
        coverage.mostlyLost, clear.trackedHistory.size(), idtp, identities.trackerBoxes() - idtp,
        clear.groundTruthBoxes - idtp, Hota.of(hotaFrames));
  }

  /** One frame as HOTA sees it: every IoU, not only those that may match at 0.5. */
  private static Hota.Frame hotaFrame(Map<Integer, Box> gt, Map<Integer, Box> hyp) {
    int[] gtIds = gt.keySet().stream().mapToInt(Integer::intValue).toArray();
    int[] hypIds = hyp.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[][] iou = new double[gtIds.length][hypIds.length];
    for (int i = 0; i < gtIds.length; i++) {
      for (int j = 0; j < hypIds.length; j++) {
        iou[i][j] = gt.get(gtIds[i]).iou(hyp.get(hypIds[j]));
      }
    }
    return new Hota.Frame(gtIds, hypIds, iou);
  }

  private static Map<Integer, Map<Integer, Box>> byFrame(List<double[]> rows) {
    Map<Integer, Map<Integer, Box>> boxes = new TreeMap<>();
    for (double[] row : rows) {
      boxes.computeIfAbsent((int) row[0], f -> new TreeMap<>()).put((int) row[1], box(row));
    }
    return boxes;
  }

  /**
   * One frame's ground-truth ids ({@code oids}), tracker ids ({@code hids}) and their distances,
   * 1 - IoU, NaN where the pair may not match.
   */
  private record FramePairs(List<Integer> oids, List<Integer> hids, double[][] distance) {
    static FramePairs of(Map<Integer, Box> gt, Map<Integer, Box> hyp) {
      List<Integer> oids = new ArrayList<>(gt.keySet());
      List<Integer> hids = new ArrayList<>(hyp.keySet());
      double[][] distance = new double[oids.size()][hids.size()];
      for (int i = 0; i < oids.size(); i++) {
        Box o = gt.get(oids.get(i));
        for (int j = 0; j < hids.size(); j++) {
          double d = 1 - o.iou(hyp.get(hids.get(j)));
          distance[i][j] = d <= MAX_DISTANCE ? d : Double.NaN;
        }
      }
      return new FramePairs(oids, hids, distance);
    }
  }

  /** CLEAR MOT's counts, frame by frame, and each object's tracked / untracked history. */
  private static final class Clear {
    final Map<Integer, Integer> current = new HashMap<>();
    final Map<Integer, List<Boolean>> trackedHistory = new HashMap<>();
    int matches;
    int switches;
    int falsePositives;
    int misses;
    int groundTruthBoxes;
    double iouSum;

    void add(FramePairs frame) {
      List<Integer> oids = frame.oids();
      List<Integer> hids = frame.hids();
      double[][] distance = frame.distance();
      groundTruthBoxes += oids.size();
      boolean[] oMatched = new boolean[oids.size()];
      boolean[] hMatched = new boolean[hids.size()];
      // 1. Pairs of the previous frame carry on while they may.
      for (int i = 0; i < oids.size(); i++) {
        Integer previous = current.get(oids.get(i));
        int j = previous == null ? -1 : hids.indexOf(previous);
        if (j >= 0 && !hMatched[j] && !Double.isNaN(distance[i][j])) {
          oMatched[i] = true;
          hMatched[j] = true;
          matches++;
          iouSum += 1 - distance[i][j];
        }
      }
      // 2. The rest by minimum total distance; pairs that may not match cost more than any that may.
      double[][] cost = new double[oids.size()][hids.size()];
      for (int i = 0; i < oids.size(); i++) {
        for (int j = 0; j < hids.size(); j++) {
          cost[i][j] = oMatched[i] || hMatched[j] || Double.isNaN(distance[i][j]) ? 1e6 : distance[i][j];
        }
      }
      int[] assigned = Assignment.solve(cost);
      for (int i = 0; i < oids.size(); i++) {
        int j = assigned[i];
        if (j < 0 || cost[i][j] >= 1e6) {
          continue;
        }
        Integer previous = current.get(oids.get(i));
        if (previous != null && !previous.equals(hids.get(j))) {
          switches++;
        } else {
          matches++;
        }
        iouSum += 1 - distance[i][j];
        current.put(oids.get(i), hids.get(j));
        oMatched[i] = true;
        hMatched[j] = true;
      }
      for (int i = 0; i < oids.size(); i++) {
        if (!oMatched[i]) {
          misses++;
        }
        trackedHistory.computeIfAbsent(oids.get(i), o -> new ArrayList<>()).add(oMatched[i]);
      }
      for (boolean matched : hMatched) {
        falsePositives += matched ? 0 : 1;
      }
    }
  }

  /** Fragmentations and mostly tracked (80% of frames) / partly / mostly lost (under 20%) objects. */
  private record Coverage(int fragmentations, int mostlyTracked, int partlyTracked, int mostlyLost) {
    static Coverage of(Collection<List<Boolean>> histories) {
      int fragmentations = 0;
      int mostlyTracked = 0;
      int partlyTracked = 0;
      int mostlyLost = 0;
      for (List<Boolean> history : histories) {
        int first = history.indexOf(true);
        int last = history.lastIndexOf(true);
        for (int k = Math.max(first, 0) + 1; first >= 0 && k <= last; k++) {
          fragmentations += history.get(k - 1) && !history.get(k) ? 1 : 0;
        }
        double ratio = history.stream().filter(b -> b).count() / (double) history.size();
        if (ratio >= 0.8) {
          mostlyTracked++;
        } else if (ratio < 0.2) {
          mostlyLost++;
        } else {
          partlyTracked++;
        }
      }
      return new Coverage(fragmentations, mostlyTracked, partlyTracked, mostlyLost);
    }
  }

  /** The frames each id is seen in, and the frames each ground-truth / tracker pair may match in, for IDF1. */
  private static final class Identities {
    final Map<Long, Long> cooccurrence = new HashMap<>();
    final Map<Integer, Integer> gtFrames = new HashMap<>();
    final Map<Integer, Integer> hypFrames = new HashMap<>();

    void add(FramePairs frame) {
      for (int i = 0; i < frame.oids().size(); i++) {
        for (int j = 0; j < frame.hids().size(); j++) {
          if (!Double.isNaN(frame.distance()[i][j])) {
            cooccurrence.merge(pair(frame.oids().get(i), frame.hids().get(j)), 1L, Long::sum);
          }
        }
      }
      frame.oids().forEach(o -> gtFrames.merge(o, 1, Integer::sum));
      frame.hids().forEach(h -> hypFrames.merge(h, 1, Integer::sum));
    }

    long trackerBoxes() {
      return hypFrames.values().stream().mapToLong(Integer::longValue).sum();
    }

    long truePositives() {
      return identityTruePositives(gtFrames, hypFrames, cooccurrence);
    }
  }

  /** The largest number of frames that one-to-one pairs of ground-truth and tracker ids share. */
  private static long identityTruePositives(Map<Integer, Integer> gtFrames, Map<Integer, Integer> hypFrames,
      Map<Long, Long> cooccurrence) {
    List<Integer> gtIds = new ArrayList<>(gtFrames.keySet());
    List<Integer> hypIds = new ArrayList<>(hypFrames.keySet());
    if (gtIds.isEmpty() || hypIds.isEmpty()) {
      return 0;
    }
    double[][] cost = new double[gtIds.size()][hypIds.size()];
    for (int i = 0; i < gtIds.size(); i++) {
      for (int j = 0; j < hypIds.size(); j++) {
        cost[i][j] = -cooccurrence.getOrDefault(pair(gtIds.get(i), hypIds.get(j)), 0L);
      }
    }
    long max = Arrays.stream(cost).flatMapToDouble(Arrays::stream).mapToLong(c -> (long) -c).max().orElse(0);
    for (double[] row : cost) {
      for (int j = 0; j < row.length; j++) {
        row[j] += max;
      }
    }
    int[] assigned = Assignment.solve(cost);
    long total = 0;
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] >= 0) {
        total += cooccurrence.getOrDefault(pair(gtIds.get(i), hypIds.get(assigned[i])), 0L);
      }
    }
    return total;
  }

  /** Drops from {@code hypotheses} those paired (IoU at least 0.5, one to one) with {@code ignored} boxes. */
  private static void removeMatched(Map<Integer, Box> hypotheses, List<Box> ignored) {
    if (hypotheses == null || hypotheses.isEmpty()) {
      return;
    }
    List<Integer> ids = new ArrayList<>(hypotheses.keySet());
    double[][] cost = new double[ignored.size()][ids.size()];
    for (int i = 0; i < ignored.size(); i++) {
      for (int j = 0; j < ids.size(); j++) {
        double d = 1 - ignored.get(i).iou(hypotheses.get(ids.get(j)));
        cost[i][j] = d <= MAX_DISTANCE ? d : 1e6;
      }
    }
    int[] assigned = Assignment.solve(cost);
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] >= 0 && cost[i][assigned[i]] < 1e6) {
        hypotheses.remove(ids.get(assigned[i]));
      }
    }
  }

  private static Box box(double[] row) {
    return new Box(row[2], row[3], row[4], row[5]);
  }

  private static long pair(int gtId, int hypId) {
    return ((long) gtId << 32) | (hypId & 0xffffffffL);
  }
}
