package org.deepmetric.track;

import java.awt.image.BufferedImage;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.deepmetric.data.video.Frames;

/**
 * BoT-SORT's camera-motion estimate ("sparseOptFlow" in its GMC): each frame in grey at half size,
 * up to 1000 good features to track (quality 0.01, distance 1, block 3), followed from the last
 * frame's features by pyramidal Lucas-Kanade flow, and a similarity transform (rotation, scale,
 * shift) fitted to the pairs by RANSAC, its shift doubled back to full size. The first frame, and
 * a frame with 4 or fewer followed points, give the identity.
 */
public final class SparseFlowMotion implements AutoCloseable {
  private static final int DOWNSCALE = 2;
  private Mat previous;
  private Mat previousPoints;

  /** The 2x3 warp [a b tx; c d ty] from the previous frame to {@code frame} (BGR). */
  public double[][] next(BufferedImage frame) {
    double[][] warp = {{1, 0, 0}, {0, 1, 0}};
    Mat grey = new Mat();
    try (Mat bgr = Frames.toMat(frame)) {
      opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
    }
    Mat small = Frames.resize(grey, frame.getWidth() / DOWNSCALE, frame.getHeight() / DOWNSCALE);
    grey.close();
    Mat points = new Mat();
    try (Mat noMask = new Mat()) {
      opencv_imgproc.goodFeaturesToTrack(small, points, 1000, 0.01, 1, noMask, 3, false, 0.04);
    }
    if (previous != null && previousPoints.rows() > 0) {
      try (Mat moved = new Mat(); Mat status = new Mat(); Mat error = new Mat()) {
        opencv_video.calcOpticalFlowPyrLK(previous, small, previousPoints, moved, status, error);
        int n = previousPoints.rows();
        UByteIndexer ok = status.createIndexer();
        FloatIndexer from = previousPoints.createIndexer();
        FloatIndexer to = moved.createIndexer();
        int kept = 0;
        for (int i = 0; i < n; i++) {
          kept += ok.get(i) != 0 ? 1 : 0;
        }
        if (kept > 4) {
          try (Mat a = new Mat(kept, 1, opencv_core.CV_32FC2); Mat b = new Mat(kept, 1, opencv_core.CV_32FC2)) {
            FloatIndexer ai = a.createIndexer();
            FloatIndexer bi = b.createIndexer();
            for (int i = 0, k = 0; i < n; i++) {
              if (ok.get(i) != 0) {
                ai.put(k, 0, 0, from.get(i, 0, 0));
                ai.put(k, 0, 1, from.get(i, 0, 1));
                bi.put(k, 0, 0, to.get(i, 0, 0));
                bi.put(k, 0, 1, to.get(i, 0, 1));
                k++;
              }
            }
            try (Mat inliers = new Mat();
                 Mat h = opencv_calib3d.estimateAffinePartial2D(a, b, inliers, opencv_calib3d.RANSAC, 3, 2000, 0.99,
                     10)) {
              if (!h.empty()) {
                DoubleIndexer hi = h.createIndexer();
                warp = new double[][] {{hi.get(0, 0), hi.get(0, 1), hi.get(0, 2) * DOWNSCALE},
                    {hi.get(1, 0), hi.get(1, 1), hi.get(1, 2) * DOWNSCALE}};
              }
            }
          }
        }
      }
    }
    close();
    previous = small;
    previousPoints = points;
    return warp;
  }

  @Override
  public void close() {
    if (previous != null) {
      previous.close();
      previousPoints.close();
      previous = null;
    }
  }
}
