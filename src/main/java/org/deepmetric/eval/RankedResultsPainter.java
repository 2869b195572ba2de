package org.deepmetric.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.io.AtomicFiles;

/**
 * Ranked-result pictures: the query, then its K nearest gallery items framed green (same person)
 * or red (someone else). Junk and same-camera items of the query's person are left out, as in
 * the ranking the metrics count.
 */
public final class RankedResultsPainter {
  private static final int WIDTH = 64;
  private static final int HEIGHT = 128;
  private static final int GAP = 8;
  private static final int FRAME = 3;

  private RankedResultsPainter() {}

  /**
   * Paints the queries whose file names are in {@code chosen}, or, when it is empty, {@code count}
   * random ones (seeded), into {@code dir}; returns the files written.
   */
  public static List<Path> paint(Path dir, List<PersonImage> queries, FeatureMatrix queryFeatures,
      List<PersonImage> gallery, FeatureMatrix galleryFeatures, Metric metric, int k, List<String> chosen, int count,
      long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      order.add(i);
    }
    if (chosen.isEmpty()) {
      java.util.Collections.shuffle(order, new Random(seed));
      order = order.subList(0, Math.min(count, order.size()));
    } else {
      List<Integer> picked = new ArrayList<>();
      for (String name : chosen) {
        picked.add(order.stream().filter(i -> queries.get(i).file().getFileName().toString().equals(name)).findFirst()
            .orElseThrow(() -> new DeepMetricException("--vis_query " + name + ": no query image of that name")));
      }
      order = picked;
    }
    List<Path> written = new ArrayList<>();
    for (int q : order) {
      PersonImage query = queries.get(q);
      List<Long> keys = new ArrayList<>();
      for (int g = 0; g < gallery.size(); g++) {
        PersonImage item = gallery.get(g);
        boolean junk = item.personId() < 0 || (item.personId() == query.personId() && item.camera() == query.camera());
        if (!junk) {
          float d = metric == Metric.COSINE ? queryFeatures.cosineDistance(q, galleryFeatures, g)
              : queryFeatures.squaredDistance(q, galleryFeatures, g);
          keys.add(Retrieval.key(Math.max(0, d), g));
        }
      }
      keys.sort(null);
      List<PersonImage> top = new ArrayList<>();
      for (int n = 0; n < Math.min(k, keys.size()); n++) {
        top.add(gallery.get((int) (long) keys.get(n)));
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
