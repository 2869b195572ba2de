package org.deepmetric.infer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.deepmetric.data.CameraClock;
import org.deepmetric.data.Images;
import org.deepmetric.data.MotText;
import org.deepmetric.track.Box;
import org.deepmetric.track.FeatureEma;
import org.deepmetric.track.TrackSummary;

/**
 * "Where did this person go": the tracks of every camera ranked by the cosine distance of their
 * mean feature to a query's (a track of one camera, or a crop's feature), nearest first, ties by
 * camera then id; and the answer as a picture, the query's crop beside the best tracks' crops
 * (each track's middle box), labelled with camera, track id and time.
 */
public final class TrackSearch {
  private static final int TILE_W = 80;
  private static final int TILE_H = 160;
  private static final int GAP = 8;
  private static final int LABEL = 40;

  /** One camera's tracks as {@code mtmc} or {@code track} wrote them, with their summaries. */
  public record CameraTracks(String name, Path sequenceDir, List<SequenceTracking.Row> rows,
      List<TrackSummary> summaries) {}

  /** One answer: the camera, its track, the track's summary, and its distance to the query. */
  public record Hit(CameraTracks camera, TrackSummary track, double distance) {}

  /** The header of the ranking's table; {@link #tableRow} its rows. */
  public static final String TABLE_HEADER = "rank,camera,track,first_s,last_s,boxes,distance";

  private TrackSearch() {}

  /**
   * Every camera's tracks: the sequences under {@code motDir} (sorted, each with {@code img1/} and
   * {@code det/}), their results {@code resultDir/<camera>.txt}, each summarised on the clock of
   * {@code motDir/cameras.csv} with the features {@code detections} gives the sequence.
   */
  public static List<CameraTracks> read(Path motDir, Path resultDir, Function<Path, DetectionTable> detections) {
    CameraClock clock = CameraClock.read(motDir);
    List<Path> sequences = MotSequence.folders(motDir, "img1", "det");
    List<CameraTracks> cameras = new ArrayList<>();
    for (int c = 0; c < sequences.size(); c++) {
      cameras.add(readCamera(c, sequences.get(c), clock.of(sequences.get(c).getFileName().toString(), motDir),
          resultDir, detections.apply(sequences.get(c))));
    }
    return cameras;
  }

  /** The tracks of camera {@code c} (its index among the set's sorted sequences), as {@link #read} reads each. */
  public static CameraTracks readCamera(int c, Path sequence, CameraClock.Camera clock, Path resultDir,
      DetectionTable detections) {
    String name = sequence.getFileName().toString();
    List<SequenceTracking.Row> rows = new ArrayList<>();
    for (double[] r : MotText.read(resultDir.resolve(name + ".txt"))) {
      rows.add(new SequenceTracking.Row((int) r[0], (int) r[1], new Box(r[2], r[3], r[4], r[5]), Double.NaN, -1));
    }
    MultiCameraTracking.Camera camera = new MultiCameraTracking.Camera(sequence, detections, clock);
    return new CameraTracks(name, sequence, rows, MultiCameraTracking.summaries(c, camera, rows));
  }

  /** Every track but {@code exclude} (null: none), nearest to {@code query} first. */
  public static List<Hit> rank(float[] query, List<CameraTracks> cameras, TrackSummary exclude) {
    List<Hit> hits = new ArrayList<>();
    for (CameraTracks camera : cameras) {
      for (TrackSummary s : camera.summaries()) {
        if (s != exclude && s.feature().length == query.length) {
          hits.add(new Hit(camera, s, s.distanceTo(query)));
        }
      }
    }
    hits.sort(Comparator.comparingDouble(Hit::distance).thenComparing(h -> h.camera().name())
        .thenComparingInt(h -> h.track().localId()));
    return hits;
  }

  /** The unit feature of a query crop: the whole image described by {@code encoder}, as a detection of its size. */
  public static float[] describe(AppearanceModel encoder, BufferedImage crop, PrintWriter err) {
    return FeatureEma.normalised(new DetectionFeatures(encoder, err).encodeFrame(crop,
        List.of(new double[] {0, -1, 0, 0, crop.getWidth(), crop.getHeight()})));
  }

  /** The track's middle box (by frame) in its camera, as (frame, box). */
  static SequenceTracking.Row middle(CameraTracks camera, TrackSummary track) {
    List<SequenceTracking.Row> own = camera.rows().stream().filter(r -> r.id() == track.localId())
        .sorted(Comparator.comparingInt(SequenceTracking.Row::frame)).toList();
    return own.get(own.size() / 2);
  }

  /** The crop of a track's middle box, from its camera's img1/ frame. */
  public static BufferedImage crop(CameraTracks camera, TrackSummary track) {
    SequenceTracking.Row row = middle(camera, track);
    Map<Integer, Path> frames = MotSequence.frames(camera.sequenceDir());
    Path file = frames.get(row.frame());
    if (file == null) {
      return new BufferedImage(TILE_W, TILE_H, BufferedImage.TYPE_INT_RGB);
    }
    BufferedImage frame = Images.read(file);
    Box b = row.box();
    int x = (int) Math.max(0, Math.round(b.x()));
    int y = (int) Math.max(0, Math.round(b.y()));
    int w = (int) Math.min(frame.getWidth() - x, Math.round(b.w()));
    int h = (int) Math.min(frame.getHeight() - y, Math.round(b.h()));
    return w > 0 && h > 0 ? frame.getSubimage(x, y, w, h) : new BufferedImage(TILE_W, TILE_H,
        BufferedImage.TYPE_INT_RGB);
  }

  /** The query's crop, then the first {@code hits}' crops, each with its label; written as a JPEG. */
  public static void paint(BufferedImage query, String queryLabel, List<Hit> hits, Path file) {
    int n = hits.size() + 1;
    BufferedImage out = new BufferedImage(n * (TILE_W + GAP) + GAP, TILE_H + LABEL + 2 * GAP,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    tile(g, query, 0, queryLabel, Color.BLUE);
    for (int i = 0; i < hits.size(); i++) {
      Hit hit = hits.get(i);
      tile(g, crop(hit.camera(), hit.track()), i + 1, String.format(Locale.ROOT, "%s #%d|%.0f-%.0f s|distance %.3f",
          hit.camera().name(), hit.track().localId(), hit.track().firstSeconds(), hit.track().lastSeconds(),
          hit.distance()), Color.DARK_GRAY);
    }
    g.dispose();
    TrackingJob.writeJpeg(out, file);
  }

  private static void tile(Graphics2D g, BufferedImage image, int slot, String label, Color frame) {
    int x = GAP + slot * (TILE_W + GAP);
    g.drawImage(image, x, GAP, TILE_W, TILE_H, null);
    g.setColor(frame);
    g.setStroke(new BasicStroke(2));
    g.drawRect(x - 1, GAP - 1, TILE_W + 1, TILE_H + 1);
    g.setColor(Color.BLACK);
    String[] lines = label.split("\\|");
    for (int k = 0; k < lines.length; k++) {
      g.drawString(lines[k], x, GAP + TILE_H + 11 + 11 * k);
    }
  }

  /** The ranking as a table: rank, camera, track id, first and last second, boxes, distance. */
  public static String table(List<Hit> hits) {
    StringBuilder text = new StringBuilder(TABLE_HEADER).append('\n');
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      text.append(tableRow(i + 1, h.camera().name(), h.track(), h.distance())).append('\n');
    }
    return text.toString();
  }

  /** One row of the ranking's table. */
  public static String tableRow(int rank, String camera, TrackSummary track, double distance) {
    return String.format(Locale.ROOT, "%d,%s,%d,%.2f,%.2f,%d,%.6f", rank, camera, track.localId(),
        track.firstSeconds(), track.lastSeconds(), track.boxes(), distance);
  }
}
