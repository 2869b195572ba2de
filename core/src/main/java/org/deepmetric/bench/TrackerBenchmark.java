package org.deepmetric.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.deepmetric.data.MotText;
import org.deepmetric.data.synth.CameraMotion;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.track.Box;
import org.deepmetric.track.Detection;
import org.deepmetric.track.OnlineTracker;
import org.deepmetric.track.TrackerAlgorithm;
import org.deepmetric.track.TrackerSettings;

/**
 * {@code bench --only trackers}: frames/s of every tracker on synthetic crowds of 100 and 300
 * people a frame ({@code synth --format mot --crowd}), tracking alone, detections in memory. Each
 * detection carries a 128-d unit feature: the one-hot of the person it boxes (the true box it
 * overlaps most) plus Gaussian noise of deviation 0.1 a dimension, as a middling re-ID model's
 * would separate people. Untimed passes first (the JIT compiles the trackers over the first few
 * hundred frames), then the median of the timed passes, each with new trackers.
 */
final class TrackerBenchmark {
  private static final int FEATURE_DIM = 128;

  private TrackerBenchmark() {}

  static void run(Path workDir, boolean quick, PrintWriter out) {
    int frames = quick ? 40 : 100;
    int[] crowds = {100, 300};
    List<List<List<Detection>>> sequences = new ArrayList<>();
    for (int people : crowds) {
      Path dir = workDir.resolve("crowd-" + people);
      SyntheticMot.write(dir, new SynthOptions(people, 2, 0, 0, 1), 1, frames, CameraMotion.NONE, people);
      sequences.add(detections(dir.resolve("SYNTH-01")));
    }
    out.printf(Locale.ROOT, "trackers on synthetic crowds (%d frames, 1920 x 1080; tracking alone, detections with"
        + " 128-d features in memory; median frames/s):%n", frames);
    out.println("| tracker | 100 people a frame | 300 people a frame |");
    out.println("| --- | ---: | ---: |");
    for (TrackerAlgorithm algorithm : TrackerAlgorithm.values()) {
      StringBuilder row = new StringBuilder("| " + algorithm.name().toLowerCase(Locale.ROOT));
      for (List<List<Detection>> sequence : sequences) {
        double seconds = Timing.medianSeconds(() -> pass(algorithm, sequence), quick ? 2 : 5, 1, quick ? 3 : 5);
        row.append(String.format(Locale.ROOT, " | %.0f", sequence.size() / seconds));
      }
      out.println(row.append(" |"));
      out.flush();
    }
  }

  private static void pass(TrackerAlgorithm algorithm, List<List<Detection>> sequence) {
    OnlineTracker tracker = algorithm.create(TrackerSettings.DEFAULTS, 30);
    for (List<Detection> frame : sequence) {
      tracker.update(frame);
    }
  }

  /** The sequence's det.txt by frame, each detection with its feature. */
  private static List<List<Detection>> detections(Path sequence) {
    TreeMap<Integer, List<double[]>> truth = byFrame(MotText.read(sequence.resolve("gt/gt.txt")));
    TreeMap<Integer, List<double[]>> found = byFrame(MotText.read(sequence.resolve("det/det.txt")));
    SplittableRandom random = new SplittableRandom(5);
    List<List<Detection>> frames = new ArrayList<>();
    for (int f = 1; f <= Math.max(truth.lastKey(), found.lastKey()); f++) {
      List<Detection> frame = new ArrayList<>();
      for (double[] d : found.getOrDefault(f, List.of())) {
        Box box = new Box(d[2], d[3], d[4], d[5]);
        int person = -1;
        double best = 0.3;
        for (double[] g : truth.getOrDefault(f, List.of())) {
          double iou = box.iou(new Box(g[2], g[3], g[4], g[5]));
          if (iou > best) {
            best = iou;
            person = (int) g[1];
          }
        }
        float[] feature = new float[FEATURE_DIM];
        for (int k = 0; k < FEATURE_DIM; k++) {
          feature[k] = (float) (random.nextGaussian() * 0.1);
        }
        if (person >= 0) {
          feature[person % FEATURE_DIM] += 1;
        }
        frame.add(new Detection(box, d[6], feature));
      }
      frames.add(frame);
    }
    return frames;
  }

  private static TreeMap<Integer, List<double[]>> byFrame(List<double[]> rows) {
    TreeMap<Integer, List<double[]>> byFrame = new TreeMap<>();
    rows.forEach(r -> byFrame.computeIfAbsent((int) r[0], f -> new ArrayList<>()).add(r));
    return byFrame;
  }
}
