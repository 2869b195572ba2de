package org.deepmetric.track;

import java.awt.image.BufferedImage;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.deepmetric.data.video.Frames;

/**
 * StrongSORT's camera-motion estimate (its others/ecc.py, which it runs between consecutive
 * frames): both frames in grey at a tenth of their size (OpenCV's INTER_LINEAR), OpenCV's
 * {@code findTransformECC} for a Euclidean warp (rotation and shift) from the identity, at most 100
 * iterations or a gain under 1e-5, its shift divided by 0.1 back to full size. The first frame,
 * and a frame where ECC does not converge, give the identity.
 */
public final class EccMotion implements AutoCloseable {
  private static final double SCALE = 0.1;
  private Mat previous;

  /** The 2x3 warp [a b tx; c d ty] from the previous frame to {@code frame} (BGR). */
  public double[][] next(BufferedImage frame) {
    double[][] warp = {{1, 0, 0}, {0, 1, 0}};
    Mat small;
    try (Mat bgr = Frames.toMat(frame); Mat grey = new Mat()) {
      opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
      small = Frames.resize(grey, (int) Math.round(frame.getWidth() * SCALE),
          (int) Math.round(frame.getHeight() * SCALE));
    }
    if (previous != null) {
      try (Mat matrix = Mat.eye(2, 3, opencv_core.CV_32F).asMat();
           TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-5);
           Mat noMask = new Mat()) {
        opencv_video.findTransformECC(previous, small, matrix, opencv_video.MOTION_EUCLIDEAN, criteria, noMask, 1);
        FloatIndexer m = matrix.createIndexer();
        warp = new double[][] {{m.get(0, 0), m.get(0, 1), m.get(0, 2) / SCALE},
            {m.get(1, 0), m.get(1, 1), m.get(1, 2) / SCALE}};
      } catch (RuntimeException e) {
        // OpenCV throws when ECC diverges (a cut, a blank frame): no motion is the safe guess.
      }
      previous.close();
    }
    previous = small;
    return warp;
  }

  @Override
  public void close() {
    if (previous != null) {
      previous.close();
      previous = null;
    }
  }
}
