package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepmetric.DeepMetricException;
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
  private static final int LOOK_AHEAD = 4;

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
    return table(sequence).toNpy();
  }

  /** Each detection's det.txt columns and its features, in the order of their frames. */
  public DetectionTable table(MotSequence sequence) {
    int dim = encoder.featureDim();
    List<double[]> rows = new ArrayList<>();
    List<float[]> rowFeatures = new ArrayList<>();
    // Grouped once: a MOT16 sequence has hundreds of frames and thousands of detections.
    TreeMap<Integer, List<double[]>> byFrame = new TreeMap<>();
    sequence.detections().forEach(d -> byFrame.computeIfAbsent((int) d[0], f -> new ArrayList<>()).add(d));
    int minFrame = byFrame.isEmpty() ? 1 : byFrame.firstKey();
    int maxFrame = byFrame.isEmpty() ? 0 : byFrame.lastKey();
    // Frames are decoded and cropped on a second thread, up to LOOK_AHEAD frames before the one
    // the model encodes: one worker keeps the order, so rows and noise patches are as one thread
    // makes them.
    ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "frame-reader");
      thread.setDaemon(true);
      return thread;
    });
    ArrayDeque<Future<byte[]>> ahead = new ArrayDeque<>();
    List<Integer> frames = new ArrayList<>(byFrame.keySet());
    try (Progress progress = Progress.start(err, sequence.name(), 0, maxFrame - minFrame + 1)) {
      int next = 0;
      for (int i = 0; i < frames.size(); i++) {
        while (next < frames.size() && next <= i + LOOK_AHEAD) {
          int frame = frames.get(next++);
          ahead.add(reader.submit(() -> framePatches(sequence, frame, byFrame.get(frame))));
        }
        int frame = frames.get(i);
        progress.stepTo(frame - minFrame + 1, "frames");
        byte[] patches = await(ahead.poll());
        if (patches == null) {
          continue;
        }
        List<double[]> detections = byFrame.get(frame);
        float[] features = encoder.encodeBgr(patches, detections.size());
        for (int d = 0; d < detections.size(); d++) {
          rows.add(DetectionTable.padded(detections.get(d)));
          rowFeatures.add(Arrays.copyOfRange(features, d * dim, (d + 1) * dim));
        }
      }
    } finally {
      reader.shutdownNow();
    }
    return new DetectionTable(rows, rowFeatures);
  }

  /** Rows of {@code columns} values each, stacked into one matrix. */
  static Npy.Matrix stack(List<float[]> rows, int columns) {
    float[] flat = new float[rows.size() * columns];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, flat, r * columns, columns);
    }
    return new Npy.Matrix(flat, rows.size(), columns);
  }

  /** The patches of one frame's detections, or null (with deep_sort's warning) when its image is missing. */
  private byte[] framePatches(MotSequence sequence, int frame, List<double[]> detections) {
    Path image = sequence.frames().get(frame);
    if (image == null) {
      err.printf("WARNING could not find image for frame %d%n", frame);
      return null;
    }
    return patches(Images.read(image), detections);
  }

  private static byte[] await(Future<byte[]> patches) {
    try {
      return patches.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeepMetricException("interrupted while reading frames", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new DeepMetricException(e.getCause().getMessage(), e);
    }
  }

  /**
   * Features [detections, featureDim()] of one frame's detections (det.txt rows: x, y, w, h in
   * columns 2 to 5), in one call of the model; an unusable box gets uniform noise and a warning.
   */
  public float[] encodeFrame(BufferedImage frame, List<double[]> detections) {
    if (detections.isEmpty()) {
      return new float[0];
    }
    return encoder.encodeBgr(patches(frame, detections), detections.size());
  }

  /** The model's input patches, uint8 BGR [detections,H,W,3], of one frame's detections. */
  private byte[] patches(BufferedImage frame, List<double[]> detections) {
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
    return patches;
  }
}
