package org.deepmetric.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives the tracks of several cameras global identities. Tracks may share one only if one person
 * could have made them all: never two tracks of one camera at the same time, never two cameras at
 * the same time unless the two watch the same place ({@code overlapping}), and, taken in order of
 * their start, each move from one camera to another within that pair's {@link TransitWindows
 * transit window}. The window holds between consecutive tracks only: a person whose track in one
 * camera broke in two walked on from the second piece, and the first piece's gap to the next
 * camera is no transit. Within those rules:
 * <ul>
 *   <li>{@link Method#APPEARANCE}: agglomerative clustering with average linkage on the cosine
 *       distance of the tracks' mean features: the two groups closest on average are merged while
 *       that average is at most {@code threshold} and every pair across them may share an identity.
 *   <li>{@link Method#TIME}: time order alone (a baseline): each track, in order of its start,
 *       continues the group whose last track ended most recently before it in another camera.
 *   <li>{@link Method#NONE}: no linking (a baseline): every track its own identity.
 * </ul>
 * Ties go to the lower track index, so the same tracks always give the same identities.
 */
public final class CrossCameraLinking {
  /** How tracks are linked across cameras. */
  public enum Method { APPEARANCE, TIME, NONE }

  /** The method, its appearance threshold (cosine distance), the overlapping camera pairs, the transit windows. */
  public record Settings(Method method, double threshold, boolean[][] overlapping, TransitWindows transit) {}

  private CrossCameraLinking() {}

  /**
   * The global identity of each track (index-aligned with {@code tracks}), numbered from 1 in the
   * order of each identity's first track (by start time, then camera, then id there).
   */
  public static int[] link(List<TrackSummary> tracks, Settings settings) {
    int n = tracks.size();
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i;
    }
    boolean[][] compatible = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        compatible[i][j] = i != j && mayShare(tracks.get(i), tracks.get(j), settings);
      }
    }
    if (settings.method() == Method.APPEARANCE) {
      cluster(tracks, settings, compatible, group);
    } else if (settings.method() == Method.TIME) {
      chain(tracks, settings, compatible, group);
    }
    return numbered(tracks, group);
  }

  /** Whether one person could have made both tracks: never in two places at once. */
  static boolean mayShare(TrackSummary a, TrackSummary b, Settings settings) {
    if (a.camera() == b.camera()) {
      return !a.overlapsInTime(b);
    }
    return together(a, b, settings) || !a.overlapsInTime(b);
  }

  private static boolean together(TrackSummary a, TrackSummary b, Settings settings) {
    return settings.overlapping() != null && settings.overlapping()[a.camera()][b.camera()];
  }

  /** Whether {@code later}, following {@code earlier} directly, is a move within the cameras' transit window. */
  static boolean transitFits(TrackSummary earlier, TrackSummary later, Settings settings) {
    return earlier.camera() == later.camera() || together(earlier, later, settings)
        || settings.transit().allows(earlier.camera(), later.camera(), earlier.gapTo(later));
  }

  /** Whether the tracks {@code members}, in order of their start, make one walk of transits that fit. */
  private static boolean walkable(List<TrackSummary> tracks, List<Integer> members, Settings settings) {
    List<TrackSummary> walk = members.stream().map(tracks::get)
        .sorted(Comparator.comparingDouble(TrackSummary::firstSeconds)).toList();
    for (int i = 1; i < walk.size(); i++) {
      if (!transitFits(walk.get(i - 1), walk.get(i), settings)) {
        return false;
      }
    }
    return true;
  }

  /** Average-linkage clustering under the compatibility rule; {@code group[i]}: track i's group (a member's index). */
  private static void cluster(List<TrackSummary> tracks, Settings settings, boolean[][] compatible, int[] group) {
    double threshold = settings.threshold();
    int n = tracks.size();
    // distance[a][b]: the mean cosine distance of groups a and b; size[a]: members; alive: a still a group.
    double[][] distance = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        distance[i][j] = tracks.get(i).distanceTo(tracks.get(j).feature());
      }
    }
    int[] size = new int[n];
    Arrays.fill(size, 1);
    boolean[] alive = new boolean[n];
    Arrays.fill(alive, true);
    Set<Long> blocked = new HashSet<>();
    boolean[][] allowed = new boolean[n][];
    for (int i = 0; i < n; i++) {
      allowed[i] = compatible[i].clone();
    }
    while (true) {
      int bestA = -1;
      int bestB = -1;
      double best = threshold;
      for (int a = 0; a < n; a++) {
        if (!alive[a]) {
          continue;
        }
        for (int b = a + 1; b < n; b++) {
          if (alive[b] && allowed[a][b] && distance[a][b] <= best && (bestA < 0 || distance[a][b] < best)
              && !blocked.contains((long) a * n + b)) {
            best = distance[a][b];
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestA < 0) {
        return;
      }
      List<Integer> union = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (group[i] == bestA || group[i] == bestB) {
          union.add(i);
        }
      }
      if (!walkable(tracks, union, settings)) {
        // Not one walk as they stand; a track another merge puts between them may make it one.
        blocked.add((long) bestA * n + bestB);
        continue;
      }
      blocked.clear();
      // Lance-Williams for average linkage; a merged group allows what both allowed.
      for (int c = 0; c < n; c++) {
        if (alive[c] && c != bestA && c != bestB) {
          double d = (size[bestA] * distance[bestA][c] + size[bestB] * distance[bestB][c]) / (size[bestA] + size[bestB]);
          distance[bestA][c] = d;
          distance[c][bestA] = d;
          allowed[bestA][c] = allowed[bestA][c] && allowed[bestB][c];
          allowed[c][bestA] = allowed[bestA][c];
        }
      }
      size[bestA] += size[bestB];
      alive[bestB] = false;
      for (int i = 0; i < n; i++) {
        if (group[i] == bestB) {
          group[i] = bestA;
        }
      }
    }
  }

  /** Time order: each track continues the compatible group that last ended before it, in another camera. */
  private static void chain(List<TrackSummary> tracks, Settings settings, boolean[][] compatible, int[] group) {
    Integer[] order = byStart(tracks);
    List<Integer> done = new ArrayList<>();
    for (int t : order) {
      TrackSummary track = tracks.get(t);
      int best = -1;
      for (int prior : done) {
        TrackSummary p = tracks.get(prior);
        if (p.camera() == track.camera() || p.lastSeconds() >= track.firstSeconds() || !compatible[t][prior]
            || !transitFits(p, track, settings) || !compatibleWithGroup(t, group[prior], group, compatible)) {
          continue;
        }
        if (best < 0 || p.lastSeconds() > tracks.get(best).lastSeconds()) {
          best = prior;
        }
      }
      if (best >= 0) {
        group[t] = group[best];
        // The group's next track is taken: no second track continues the same one.
        done.remove(Integer.valueOf(best));
      }
      done.add(t);
    }
  }

  private static boolean compatibleWithGroup(int t, int g, int[] group, boolean[][] compatible) {
    for (int i = 0; i < group.length; i++) {
      if (group[i] == g && !compatible[t][i]) {
        return false;
      }
    }
    return true;
  }

  private static int[] numbered(List<TrackSummary> tracks, int[] group) {
    int[] ids = new int[tracks.size()];
    int[] byGroup = new int[tracks.size()];
    int next = 1;
    for (int t : byStart(tracks)) {
      if (byGroup[group[t]] == 0) {
        byGroup[group[t]] = next++;
      }
      ids[t] = byGroup[group[t]];
    }
    return ids;
  }

  private static Integer[] byStart(List<TrackSummary> tracks) {
    Integer[] order = new Integer[tracks.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> tracks.get(i).firstSeconds())
        .thenComparingInt(i -> tracks.get(i).camera()).thenComparingInt(i -> tracks.get(i).localId()));
    return order;
  }
}
