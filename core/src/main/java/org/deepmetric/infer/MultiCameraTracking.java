package org.deepmetric.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.deepmetric.data.CameraClock;
import org.deepmetric.data.TransitTable;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.track.Box;
import org.deepmetric.track.CrossCameraLinking;
import org.deepmetric.track.FeatureEma;
import org.deepmetric.track.TrackSummary;
import org.deepmetric.track.TransitWindows;

/**
 * Multi-camera tracking: each camera's sequence tracked on its own ({@link SequenceTracking}),
 * each track summarised (its time span on the cameras' common clock, and its appearance: the mean
 * of the normalised features of the detections its boxes fall on, IoU at least 0.5), the tracks
 * given global identities ({@link CrossCameraLinking}), and written: per camera a MOTChallenge
 * result with the global ids, as {@code track} writes it, and {@code identities.csv}, one row per
 * identity and camera (identity, camera, its id there, first and last second, boxes).
 */
public final class MultiCameraTracking {
  /** The file of identities beside the per-camera results. */
  public static final String IDENTITIES_FILE = "identities.csv";

  /** One camera: its sequence folder, its detections, its place on the clock. */
  public record Camera(Path sequenceDir, DetectionTable detections, CameraClock.Camera clock) {
    String name() {
      return sequenceDir.getFileName().toString();
    }
  }

  /** What was written: cameras, tracks, identities, and how many identities span two cameras or more. */
  public record Summary(int cameras, int tracks, int identities, int acrossCameras) {}

  private MultiCameraTracking() {}

  public static Summary run(List<Camera> cameras, SequenceTracking.Options tracking,
      CrossCameraLinking.Settings linking, Path outputDir) {
    List<List<SequenceTracking.Row>> perCamera = new ArrayList<>();
    List<TrackSummary> tracks = new ArrayList<>();
    for (int c = 0; c < cameras.size(); c++) {
      Camera camera = cameras.get(c);
      int[] range = TrackingJob.frameRange(camera.sequenceDir(), MotSequence.frames(camera.sequenceDir()),
          camera.detections());
      List<SequenceTracking.Row> rows = SequenceTracking.track(camera.detections(), range[0], range[1], tracking,
          camera.clock().frameRate(), f -> null, (frame, frameRows) -> { });
      perCamera.add(rows);
      tracks.addAll(summaries(c, camera, rows));
    }
    int[] global = CrossCameraLinking.link(tracks, linking);
    Map<Long, Integer> idOf = new HashMap<>();
    for (int t = 0; t < tracks.size(); t++) {
      idOf.put(key(tracks.get(t).camera(), tracks.get(t).localId()), global[t]);
    }
    for (int c = 0; c < cameras.size(); c++) {
      List<SequenceTracking.Row> relabelled = new ArrayList<>();
      for (SequenceTracking.Row r : perCamera.get(c)) {
        relabelled.add(new SequenceTracking.Row(r.frame(), idOf.get(key(c, r.id())), r.box(), r.score(), r.classId()));
      }
      TrackingJob.writeResults(relabelled, outputDir.resolve(cameras.get(c).name() + ".txt"));
    }
    StringBuilder table = new StringBuilder("identity,camera,camera_id,first_s,last_s,boxes\n");
    Map<Integer, List<Integer>> byIdentity = new TreeMap<>();
    for (int t = 0; t < tracks.size(); t++) {
      byIdentity.computeIfAbsent(global[t], g -> new ArrayList<>()).add(t);
    }
    int across = 0;
    for (Map.Entry<Integer, List<Integer>> e : byIdentity.entrySet()) {
      List<Integer> members = new ArrayList<>(e.getValue());
      members.sort((a, b) -> Double.compare(tracks.get(a).firstSeconds(), tracks.get(b).firstSeconds()));
      if (members.stream().map(t -> tracks.get(t).camera()).distinct().count() > 1) {
        across++;
      }
      for (int t : members) {
        TrackSummary s = tracks.get(t);
        table.append(String.format(Locale.ROOT, "%d,%s,%d,%.2f,%.2f,%d%n", e.getKey(), cameras.get(s.camera()).name(),
            s.localId(), s.firstSeconds(), s.lastSeconds(), s.boxes()));
      }
    }
    AtomicFiles.writeString(outputDir.resolve(IDENTITIES_FILE), table.toString());
    return new Summary(cameras.size(), tracks.size(), byIdentity.size(), across);
  }

  /**
   * Every pair of {@code cameras} from 0 to {@code maxTransit} seconds (0: no limit), but the pairs
   * {@code table} lists (null: none): a line holds for its way back too unless that way has a line
   * of its own.
   */
  public static TransitWindows transitWindows(List<String> cameras, double maxTransit, TransitTable table) {
    TransitWindows windows = TransitWindows.uniform(cameras.size(), maxTransit);
    if (table == null) {
      return windows;
    }
    for (TransitTable.Window w : table.windows()) {
      windows = windows.with(cameras.indexOf(w.to()), cameras.indexOf(w.from()), w.minSeconds(), w.maxSeconds());
    }
    for (TransitTable.Window w : table.windows()) {
      windows = windows.with(cameras.indexOf(w.from()), cameras.indexOf(w.to()), w.minSeconds(), w.maxSeconds());
    }
    return windows;
  }

  private static long key(int camera, int id) {
    return ((long) camera << 32) | (id & 0xffffffffL);
  }

  /** One summary per track of the camera's rows, its feature from the detections its boxes fall on. */
  public static List<TrackSummary> summaries(int c, Camera camera, List<SequenceTracking.Row> rows) {
    Map<Integer, List<Integer>> detectionsByFrame = new HashMap<>();
    List<double[]> dets = camera.detections().detections();
    for (int i = 0; i < dets.size(); i++) {
      detectionsByFrame.computeIfAbsent((int) dets.get(i)[0], f -> new ArrayList<>()).add(i);
    }
    int dim = camera.detections().features().isEmpty() ? 0 : camera.detections().features().get(0).length;
    Map<Integer, double[]> sums = new TreeMap<>();
    Map<Integer, int[]> spans = new HashMap<>();
    for (SequenceTracking.Row r : rows) {
      spans.merge(r.id(), new int[] {r.frame(), r.frame(), 1},
          (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1]), a[2] + b[2]});
      int best = -1;
      double bestIou = 0.5;
      for (int i : detectionsByFrame.getOrDefault(r.frame(), List.of())) {
        double[] d = dets.get(i);
        double iou = r.box().iou(new Box(d[2], d[3], d[4], d[5]));
        if (iou >= bestIou) {
          bestIou = iou;
          best = i;
        }
      }
      float[] feature = best < 0 ? new float[0] : camera.detections().features().get(best);
      double[] sum = sums.computeIfAbsent(r.id(), id -> new double[dim]);
      if (feature.length == dim && dim > 0) {
        float[] unit = FeatureEma.normalised(feature);
        for (int k = 0; k < unit.length; k++) {
          sum[k] += unit[k];
        }
      }
    }
    List<TrackSummary> out = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
      int[] span = spans.get(e.getKey());
      float[] mean = new float[e.getValue().length];
      for (int k = 0; k < mean.length; k++) {
        mean[k] = (float) e.getValue()[k];
      }
      out.add(new TrackSummary(c, e.getKey(), camera.clock().seconds(span[0]), camera.clock().seconds(span[1]),
          span[2], FeatureEma.normalised(mean)));
    }
    return out;
  }
}
