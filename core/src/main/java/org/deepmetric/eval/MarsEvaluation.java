package org.deepmetric.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Tracklet;
import java.util.Arrays;

/**
 * The MARS test protocol, on tracklets of {@code info/tracks_test_info.mat}:
 * <ul>
 *   <li>a tracklet's feature pools its frames' features ({@link Pooling}: the mean, as the
 *       original's README asks of the kit's process_box_feat.m, or the kit's unmodified max),
 *       then is L2-normalised;
 *   <li>the queries are the {@code info/query_IDX.mat} tracklets;
 *   <li>{@code kit}: the gallery is every test tracklet, queries included (test_mars.m's
 *       {@code feat_gallery = video_feat_test}); a query's own tracklet is junk (same person,
 *       same camera), and other query tracklets of its person in other cameras are true matches;
 *   <li>{@code torchreid}: the gallery is the tracklets not in query_IDX, with the person -1
 *       tracklets dropped.
 * </ul>
 */
public final class MarsEvaluation {
  private MarsEvaluation() {}

  /** How frame features become a tracklet feature, as {@code --pooling} spells it. */
  public enum Pooling {
    MEAN("mean"),
    MAX("max");

    private final String flag;

    Pooling(String flag) {
      this.flag = flag;
    }

    @Override
    public String toString() {
      return flag;
    }
  }

  /**
   * The ranking of the test split: {@code imageFeatures} has one row per image of
   * {@code testImages} (info/test_name.txt order); each tracklet is pictured by its first frame.
   */
  public static RankingTask task(List<PersonImage> testImages, FeatureMatrix imageFeatures, List<Tracklet> tracklets,
      int[] queryRows, Protocol protocol, Pooling pooling) {
    RankingTask.check(testImages, imageFeatures, "test");
    FeatureMatrix pooled = pool(imageFeatures, tracklets, pooling);
    List<PersonImage> items = new ArrayList<>(tracklets.size());
    for (Tracklet t : tracklets) {
      PersonImage first = testImages.get(t.start());
      items.add(new PersonImage(first.file(), t.personId(), t.camera(), first.sequence(), first.frame()));
    }
    Set<Integer> queries = new HashSet<>();
    for (int row : queryRows) {
      if (row < 0 || row >= tracklets.size()) {
        throw new DeepMetricException("query_IDX names track " + (row + 1) + " of " + tracklets.size());
      }
      queries.add(row);
    }
    if (protocol == Protocol.TORCHREID) {
      // torchreid drops person -1 tracklets when it loads MARS, queries among them.
      queryRows = Arrays.stream(queryRows).filter(r -> tracklets.get(r).personId() != -1).toArray();
    }
    List<Integer> galleryRows = new ArrayList<>();
    for (int i = 0; i < tracklets.size(); i++) {
      boolean kept = protocol == Protocol.KIT || (!queries.contains(i) && tracklets.get(i).personId() != -1);
      if (kept) {
        galleryRows.add(i);
      }
    }
    int[] gallery = galleryRows.stream().mapToInt(Integer::intValue).toArray();
    String rule = protocol == Protocol.KIT
        ? "gallery: all " + gallery.length + " test tracklets, queries included; " + pooling + " pooling"
        : "gallery: the " + gallery.length + " tracklets not in query_IDX, person -1 dropped; " + pooling + " pooling";
    return new RankingTask(protocol, rule, select(items, queryRows), pooled.rows(queryRows), select(items, gallery),
        pooled.rows(gallery));
  }

  /** Each tracklet's pooled feature, re-normalised to unit length. */
  public static FeatureMatrix pool(FeatureMatrix images, List<Tracklet> tracklets, Pooling pooling) {
    int dim = images.dim();
    float[] pooled = new float[tracklets.size() * dim];
    double[] acc = new double[dim];
    for (int t = 0; t < tracklets.size(); t++) {
      Tracklet track = tracklets.get(t);
      if (track.end() >= images.count()) {
        throw new DeepMetricException("tracklet " + (t + 1) + " ends at image " + (track.end() + 1)
            + " but there are " + images.count() + " test features");
      }
      Arrays.fill(acc, pooling == Pooling.MAX ? Double.NEGATIVE_INFINITY : 0);
      for (int i = track.start(); i <= track.end(); i++) {
        for (int k = 0; k < dim; k++) {
          float v = images.get(i, k);
          acc[k] = pooling == Pooling.MAX ? Math.max(acc[k], v) : acc[k] + v;
        }
      }
      double norm = 0;
      for (int k = 0; k < dim; k++) {
        double v = pooling == Pooling.MAX ? acc[k] : acc[k] / track.length();
        acc[k] = v;
        norm += v * v;
      }
      double scale = 1 / Math.sqrt(Math.max(norm, 1e-24));
      for (int k = 0; k < dim; k++) {
        pooled[t * dim + k] = (float) (acc[k] * scale);
      }
    }
    return new FeatureMatrix(pooled, tracklets.size(), dim);
  }

  private static List<PersonImage> select(List<PersonImage> items, int[] rows) {
    List<PersonImage> out = new ArrayList<>(rows.length);
    for (int row : rows) {
      out.add(items.get(row));
    }
    return out;
  }
}
