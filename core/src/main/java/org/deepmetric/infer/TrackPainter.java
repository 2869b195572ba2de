package org.deepmetric.infer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws reported tracks on a frame as deep_sort's visualisation does: each box in a colour of its
 * own id (neighbouring ids get distant hues), the id written on it.
 */
public final class TrackPainter {
  private TrackPainter() {}

  /** A copy of {@code frame} with the rows drawn on it. */
  public static BufferedImage paint(BufferedImage frame, List<SequenceTracking.Row> rows) {
    BufferedImage canvas = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.drawImage(frame, 0, 0, null);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setStroke(new BasicStroke(2));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    for (SequenceTracking.Row row : rows) {
      Color color = color(row.id());
      int x = (int) Math.round(row.box().x());
      int y = (int) Math.round(row.box().y());
      g.setColor(color);
      g.drawRect(x, y, (int) Math.round(row.box().w()), (int) Math.round(row.box().h()));
      String label = String.valueOf(row.id());
      int width = g.getFontMetrics().stringWidth(label) + 6;
      g.fillRect(x, y - 18, width, 18);
      g.setColor(Color.WHITE);
      g.drawString(label, x + 3, y - 4);
    }
    g.dispose();
    return canvas;
  }

  /** deep_sort's create_unique_color: hue (0.41 id) mod 1, value 1 - (floor(0.41 id) mod 4) / 5. */
  static Color color(int id) {
    double step = id * 0.41;
    return Color.getHSBColor((float) (step % 1.0), 1f, 1f - (float) (((int) step) % 4) / 5f);
  }
}
