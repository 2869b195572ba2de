package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.Npy;

/**
 * Turns any source into a MOTChallenge sequence folder: {@code img1/000001.jpg ...},
 * {@code det/det.txt} (every detection, {@code frame,-1,x,y,w,h,score,-1,-1,-1}),
 * {@code seqinfo.ini} and, with features, {@code det/<name>.npy} in generate_detections' layout
 * (the det.txt columns, then the feature), which deep_sort_app.py reads with
 * {@code --detection_file}. Written in a staging folder beside the target and renamed into place
 * when complete, so an interrupted run leaves no half sequence.
 */
final class SequenceWriter implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final String name;
  private final StringBuilder detText = new StringBuilder();
  private final List<float[]> npyRows = new ArrayList<>();
  private int frames;
  private int width;
  private int height;
  private boolean finished;

  SequenceWriter(Path target, String name) {
    this.target = target.toAbsolutePath();
    this.name = name;
    if (Files.exists(this.target)) {
      throw new DeepMetricException(target + ": already exists; remove it or choose another --save_sequence");
    }
    try {
      Files.createDirectories(this.target.getParent());
      this.staging = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + "-");
      Files.createDirectories(staging.resolve("img1"));
      Files.createDirectories(staging.resolve("det"));
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Adds frame {@code number} (from 1) and its detections, each with its feature or null. */
  void add(int number, BufferedImage frame, List<double[]> detections, float[][] features) {
    frames = number;
    width = frame.getWidth();
    height = frame.getHeight();
    TrackingJob.writeJpeg(frame, staging.resolve(String.format(Locale.ROOT, "img1/%06d.jpg", number)));
    for (int i = 0; i < detections.size(); i++) {
      double[] d = detections.get(i);
      detText.append(String.format(Locale.ROOT, "%d,-1,%.2f,%.2f,%.2f,%.2f,%.4f,-1,-1,-1%n", number, d[0], d[1], d[2],
          d[3], d[4]));
      if (features != null) {
        float[] feature = features[i];
        float[] row = new float[DetectionFeatures.DETECTION_COLUMNS + feature.length];
        float[] columns = {number, -1, (float) d[0], (float) d[1], (float) d[2], (float) d[3], (float) d[4], -1, -1, -1};
        System.arraycopy(columns, 0, row, 0, columns.length);
        System.arraycopy(feature, 0, row, DetectionFeatures.DETECTION_COLUMNS, feature.length);
        npyRows.add(row);
      }
    }
  }

  /** Writes det.txt, seqinfo.ini and the .npy, then puts the folder in place. */
  void finish(int frameRate, boolean withFeatures) {
    AtomicFiles.writeString(staging.resolve("det/det.txt"), detText.toString());
    AtomicFiles.writeString(staging.resolve(SeqInfo.FILE), String.format(Locale.ROOT, "[Sequence]%nname=%s%n"
        + "imDir=img1%nframeRate=%d%nseqLength=%d%nimWidth=%d%nimHeight=%d%nimExt=.jpg%n", name, frameRate, frames,
        width, height));
    if (withFeatures) {
      int cols = npyRows.isEmpty() ? DetectionFeatures.DETECTION_COLUMNS : npyRows.get(0).length;
      Npy.Matrix rows = DetectionFeatures.stack(npyRows, cols);
      Npy.writeFloat32(staging.resolve("det").resolve(name + ".npy"), rows.values(), rows.rows(), rows.cols());
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      finished = true;
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Drops an unfinished sequence. */
  @Override
  public void close() {
    if (!finished) {
      AtomicFiles.deleteTree(staging);
    }
  }
}
