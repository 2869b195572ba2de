package org.deepmetric.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.io.AtomicFiles;

/**
 * Ranked-result pictures: the query, then its K nearest gallery items framed green (same person)
 * or red (someone else), in the order {@link Retrieval} ranks them for the metrics: same gallery,
 * junk taken out by the same rule.
 */
public final class RankedResultsPainter {
  private static final int WIDTH = 64;
  private static final int HEIGHT = 128;
  private static final int GAP = 8;
  private static final int FRAME = 3;

  private RankedResultsPainter() {}

  /**
   * Paints the queries of {@code task} whose file names are in {@code chosen}, or, when it is
   * empty, {@code count} random ones (seeded), into {@code dir}; returns the files written.
   */
  public static List<Path> paint(Path dir, RankingTask task, Metric metric, int k, List<String> chosen, int count,
      long seed) {
    List<PersonImage> queries = task.queries();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      order.add(i);
    }
    if (chosen.isEmpty()) {
      Collections.shuffle(order, new Random(seed));
      order = order.subList(0, Math.min(count, order.size()));
    } else {
      List<Integer> picked = new ArrayList<>();
      for (String name : chosen) {
        picked.add(order.stream().filter(i -> queries.get(i).file().getFileName().toString().equals(name)).findFirst()
            .orElseThrow(() -> new DeepMetricException("--vis_query " + name + ": no query image of that name")));
      }
      order = picked;
    }
    List<PersonImage> gallery = task.gallery();
    Retrieval ranking = new Retrieval(Retrieval.ids(gallery), Retrieval.cameras(gallery), task.protocol());
    FeatureMatrix pictured = task.queryFeatures().rows(order.stream().mapToInt(Integer::intValue).toArray());
    float[] distances;
    try (DistanceBlocks blocks = new DistanceBlocks(task.galleryFeatures(), metric)) {
      distances = blocks.block(pictured, 0, pictured.count());
    }
    List<Path> written = new ArrayList<>();
    for (int n = 0; n < order.size(); n++) {
      PersonImage query = queries.get(order.get(n));
      List<PersonImage> top = new ArrayList<>();
      for (int g : ranking.ranked(query.personId(), query.camera(), distances, n * gallery.size(), k)) {
        top.add(gallery.get(g));
      }
      String name = query.file().getFileName().toString().replaceAll("\\.[^.]+$", "") + ".png";
      Path file = dir.resolve(name);
      write(file, draw(query, top));
      written.add(file);
    }
    return written;
  }

  private static BufferedImage draw(PersonImage query, List<PersonImage> top) {
    int cell = WIDTH + 2 * FRAME;
    BufferedImage canvas = new BufferedImage((top.size() + 1) * (cell + GAP) + GAP, HEIGHT + 2 * FRAME + 2 * GAP,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    tile(g, query, 0, Color.BLUE);
    for (int n = 0; n < top.size(); n++) {
      tile(g, top.get(n), n + 1, top.get(n).personId() == query.personId() ? Color.GREEN.darker() : Color.RED);
    }
    g.dispose();
    return canvas;
  }

  private static void tile(Graphics2D g, PersonImage image, int slot, Color frame) {
    int x = GAP + slot * (WIDTH + 2 * FRAME + GAP);
    g.setColor(frame);
    g.setStroke(new BasicStroke(FRAME));
    g.fillRect(x, GAP, WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME);
    g.drawImage(Images.resize(Images.read(image.file()), WIDTH, HEIGHT), x + FRAME, GAP + FRAME, null);
  }

  private static void write(Path file, BufferedImage image) {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer");
      }
    });
  }
}
