package org.deepmetric.data.synth;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.data.CameraClock;
import org.deepmetric.io.AtomicFiles;

/**
 * Several cameras of one site, as MOTChallenge sequences {@code CAM-01 ... CAM-NN} whose gt ids are
 * global: the same person walks through several cameras in turn, crossing each view from one side
 * to the other in 3 to 8 seconds, with a transit of 2 to 6 seconds between two cameras (each pair's
 * own, +-1 s); a third of the people are seen by one camera only. Each camera has its own colour
 * cast, gain, blur and noise (at {@link Difficulty#HARD}, as the Market-1501 generator's cameras),
 * lighting, and scale (people 0.75 to 1.25 times their height), its own frame rate (10 or 15
 * frames/s) and start on the common clock (0 to 3 s). With {@code overlap}, cameras 1 and 2 watch
 * the same place from two sides: whoever walks through camera 1 is in camera 2 at the same times.
 * {@code cameras.csv} gives each sequence's start time on the common clock and frame rate (and
 * which camera it overlaps), {@code transits.csv} each camera pair's transit window (the drawn
 * time from a person's leaving one view to entering the next, -1 s to +2 s); the detections follow
 * {@link SyntheticMot}'s rules.
 */
public final class SyntheticMtmc {
  /** The file beside the sequences that puts their frames on one clock ({@link CameraClock} reads it). */
  public static final String CAMERAS_FILE = CameraClock.FILE;
  /**
   * The file of each camera pair's transit window ({@code TransitTable} reads it): the walking time
   * drawn, -1 s to +2 s; the extra second is a tracker's, which loses a person a little before they
   * leave a view and confirms them a little after they enter the next (up to 0.5 s each on these
   * sites, measured with StrongSORT).
   */
  public static final String TRANSITS_FILE = "transits.csv";

  /** One person in one camera: from {@code start} to {@code end} seconds on the common clock. */
  private record Visit(int person, int camera, double start, double end, boolean leftToRight, double y,
      double height) {}

  private SyntheticMtmc() {}

  /** {@code cameras} sequences of {@code seconds} each (on the common clock) under {@code target}. */
  public static void write(Path target, SynthOptions options, int cameras, double seconds, boolean overlap) {
    SplittableRandom random = new SplittableRandom(options.seed() * 131 + cameras);
    double[] start = new double[cameras + 1];
    double[] rate = new double[cameras + 1];
    double[] scale = new double[cameras + 1];
    for (int c = 1; c <= cameras; c++) {
      start[c] = Math.floor(random.nextDouble(0, 3) * 10) / 10;
      rate[c] = c % 2 == 1 ? 10 : 15;
      scale[c] = random.nextDouble(0.75, 1.25);
    }
    double[][] transit = new double[cameras + 1][cameras + 1];
    for (int a = 1; a <= cameras; a++) {
      for (int b = a + 1; b <= cameras; b++) {
        transit[a][b] = random.nextDouble(2, 6);
        transit[b][a] = transit[a][b];
      }
    }
    List<Visit> visits = new ArrayList<>();
    for (int person = 1; person <= options.identities(); person++) {
      double height = random.nextDouble(110, 200);
      // Camera 2 is only ever seen through camera 1 when the two overlap.
      int reachable = overlap ? cameras - 1 : cameras;
      int stops = random.nextInt(3) == 0 || reachable < 2 ? 1 : random.nextInt(2, Math.min(3, reachable) + 1);
      double t = random.nextDouble(0, seconds * 0.6);
      int previous = 0;
      List<Integer> seen = new ArrayList<>();
      for (int s = 0; s < stops; s++) {
        int camera;
        do {
          camera = random.nextInt(1, cameras + 1);
        } while (seen.contains(camera) || overlap && camera == 2);
        seen.add(camera);
        if (previous > 0) {
          t += transit[previous][camera] + random.nextDouble(-1, 1);
        }
        double stay = random.nextDouble(3, 8);
        boolean leftToRight = random.nextBoolean();
        double y = random.nextDouble(0.55, 0.95);
        visits.add(new Visit(person, camera, t, t + stay, leftToRight, y, height));
        if (overlap && camera == 1) {
          visits.add(new Visit(person, 2, t, t + stay, !leftToRight, y, height));
        }
        t += stay;
        previous = camera;
      }
    }
    Staging.write(target, root -> {
      StringBuilder table = new StringBuilder("sequence,start_s,frame_rate,overlaps\n");
      for (int c = 1; c <= cameras; c++) {
        String name = name(c);
        table.append(String.format(Locale.ROOT, "%s,%.1f,%.0f,%s%n", name, start[c], rate[c],
            overlap && c <= 2 ? name(3 - c) : ""));
        camera(root.resolve(name), c, visits, start[c], rate[c], scale[c], seconds, options);
      }
      AtomicFiles.writeString(root.resolve(CAMERAS_FILE), table.toString());
      StringBuilder windows = new StringBuilder("from,to,min_s,max_s\n");
      for (int a = 1; a <= cameras; a++) {
        for (int b = a + 1; b <= cameras; b++) {
          windows.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f%n", name(a), name(b),
              Math.floor((transit[a][b] - 1) * 10) / 10, Math.ceil((transit[a][b] + 2) * 10) / 10));
        }
      }
      AtomicFiles.writeString(root.resolve(TRANSITS_FILE), windows.toString());
    });
  }

  static String name(int camera) {
    return String.format(Locale.ROOT, "CAM-%02d", camera);
  }

  private static void camera(Path dir, int camera, List<Visit> visits, double start, double rate, double scale,
      double seconds, SynthOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed() * 37 + camera);
    SyntheticMot.Scene scene = new SyntheticMot.Scene(SyntheticMot.WIDTH, SyntheticMot.HEIGHT, 0, false);
    int frames = (int) Math.round((seconds - start) * rate);
    StringBuilder det = new StringBuilder();
    StringBuilder gt = new StringBuilder();
    for (int f = 1; f <= frames; f++) {
      double time = start + (f - 1) / rate;
      List<double[]> boxes = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      for (Visit v : visits) {
        if (v.camera() != camera || time < v.start() || time > v.end()) {
          continue;
        }
        double h = v.height() * scale;
        double w = (int) (h / 2);
        double along = (time - v.start()) / (v.end() - v.start());
        double x = -w + (SyntheticMot.WIDTH + w) * (v.leftToRight() ? along : 1 - along);
        boxes.add(new double[] {x, v.y() * SyntheticMot.HEIGHT - h, w, h});
        ids.add(v.person());
      }
      BufferedImage frame = SyntheticMot.ground(scene);
      Graphics2D g = frame.createGraphics();
      SyntheticMot.paint(g, boxes.toArray(new double[0][]), ids.stream().mapToInt(Integer::intValue).toArray(),
          camera, f, random, options, det, gt, scene);
      g.dispose();
      SyntheticMot.falseAlarm(det, f, random, scene);
      JpegWriter.write(frame, dir.resolve("img1").resolve(String.format(Locale.ROOT, "%06d.jpg", f)));
    }
    SyntheticMot.sequenceFiles(dir, det, gt, (int) rate, frames, scene);
  }
}
