package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.io.Npy;
import org.deepmetric.io.Progress;

/**
 * deep_sort's generate_detections: for every frame of a sequence, crop each detection by
 * {@link PatchExtractor}'s rules (an unusable box gets a patch of uniform noise and a warning, as
 * there), encode each frame's patches in one call, and write {@code <sequence>.npy}: one float32 row per
 * detection, its det.txt columns followed by the features.
 */
public final class DetectionFeatures {
  /** MOTChallenge det.txt has ten columns; shorter rows are padded with -1. */
  public static final int DETECTION_COLUMNS = 10;

  private final AppearanceModel encoder;
  private final PrintWriter err;
  private final Random noise = new Random(0);

  /** Warnings and progress go to {@code err}. */
  public DetectionFeatures(AppearanceModel encoder, PrintWriter err) {
    this.encoder = encoder;
    this.err = err;
  }

  /** Encodes one sequence into {@code outputDir/<name>.npy}; returns the number of rows. */
  public int generate(MotSequence sequence, Path outputDir) {
    Npy.Matrix rows = rows(sequence);
    Npy.writeFloat32(outputDir.resolve(sequence.name() + ".npy"), rows.values(), rows.rows(), rows.cols());
    return rows.rows();
  }

  /** The rows {@code <sequence>.npy} holds: each detection's det.txt columns, then its features. */
  public Npy.Matrix rows(MotSequence sequence) {
    int dim = encoder.featureDim();
    int columns = DETECTION_COLUMNS + dim;
    List<float[]> rows = new ArrayList<>();
    // Grouped once: a MOT16 sequence has hundreds of frames and thousands of detections.
    TreeMap<Integer, List<double[]>> byFrame = new TreeMap<>();
    sequence.detections().forEach(d -> byFrame.computeIfAbsent((int) d[0], f -> new ArrayList<>()).add(d));
    int minFrame = byFrame.isEmpty() ? 1 : byFrame.firstKey();
    int maxFrame = byFrame.isEmpty() ? 0 : byFrame.lastKey();
    try (Progress progress = Progress.start(err, sequence.name(), 0, maxFrame - minFrame + 1)) {
      for (int frame = minFrame; frame <= maxFrame; frame++) {
        progress.stepTo(frame - minFrame + 1, "frames");
        List<double[]> detections = byFrame.getOrDefault(frame, List.of());
        if (detections.isEmpty()) {
          continue;
        }
        Path image = sequence.frames().get(frame);
        if (image == null) {
          err.printf("WARNING could not find image for frame %d%n", frame);
          continue;
        }
        float[] features = encodeFrame(Images.read(image), detections);
        for (int d = 0; d < detections.size(); d++) {
          float[] row = new float[columns];
          Arrays.fill(row, 0, DETECTION_COLUMNS, -1f);
          double[] det = detections.get(d);
          for (int c = 0; c < Math.min(DETECTION_COLUMNS, det.length); c++) {
            row[c] = (float) det[c];
          }
          System.arraycopy(features, d * dim, row, DETECTION_COLUMNS, dim);
          rows.add(row);
        }
      }
    }
    return stack(rows, columns);
  }

  /** Rows of {@code columns} values each, stacked into one matrix. */
  static Npy.Matrix stack(List<float[]> rows, int columns) {
    float[] flat = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, flat, r * columns, columns);
    }
    return new Npy.Matrix(flat, rows.size(), columns);
  }

  /**
   * Features [detections, featureDim()] of one frame's detections (det.txt rows: x, y, w, h in
   * columns 2 to 5), in one call of the model; an unusable box gets uniform noise and a warning.
   */
  public float[] encodeFrame(BufferedImage frame, List<double[]> detections) {
    if (detections.isEmpty()) {
      return new float[0];
    }
    ImageShape patch = encoder.inputShape();
    byte[] patches = new byte[detections.size() * patch.bytes()];
    for (int i = 0; i < detections.size(); i++) {
      double[] det = detections.get(i);
      double[] box = {det[2], det[3], det[4], det[5]};
      if (!PatchExtractor.extract(frame, box, patch, encoder.patchRule(), patches, i * patch.bytes())) {
        err.printf("WARNING: Failed to extract image patch: %s.%n", Arrays.toString(box));
        for (int b = i * patch.bytes(); b < (i + 1) * patch.bytes(); b++) {
          patches[b] = (byte) noise.nextInt(256);
        }
      }
    }
    return encoder.encodeBgr(patches, detections.size());
  }
}
