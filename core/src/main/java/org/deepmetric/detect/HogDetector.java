package org.deepmetric.detect;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;
import org.deepmetric.data.video.Frames;
import org.deepmetric.track.Box;

/**
 * OpenCV's HOG people detector (Dalal and Triggs' 64x128 window with OpenCV's default linear SVM):
 * {@code detectMultiScale} with window stride 8x8, padding 8x8, pyramid scale 1.05 and OpenCV's
 * other defaults (hit threshold 0, group threshold 2, no mean-shift grouping), then OpenCV's
 * {@code NMSBoxes} at IoU 0.4 over the SVM scores (those above 0). At another {@code scale} the
 * frame is first resized by OpenCV's INTER_LINEAR and the boxes are mapped back: below 1 for
 * speed, above 1 for people shorter than the 128-pixel window, which it cannot see otherwise.
 */
public final class HogDetector implements Detector {
  public static final double NMS_IOU = 0.4;
  private static final int STRIDE = 8;
  private static final int PADDING = 8;
  private static final double PYRAMID_SCALE = 1.05;
  private static final double GROUP_THRESHOLD = 2;

  private final HOGDescriptor hog = new HOGDescriptor();
  private final double scale;

  /** The largest {@code scale}: 4x the pixels of a frame 2x the size is already a quarter of the speed. */
  public static final double MAX_SCALE = 4;

  /** {@code scale} in (0, {@link #MAX_SCALE}]: the frame is resized by it before detection. */
  public HogDetector(double scale) {
    if (!(scale > 0 && scale <= MAX_SCALE)) {
      throw new IllegalArgumentException("scale must be in (0, " + MAX_SCALE + "], got " + scale);
    }
    this.scale = scale;
    try (FloatPointer svm = HOGDescriptor.getDefaultPeopleDetector(); Mat detector = new Mat(svm)) {
      hog.setSVMDetector(detector);
    }
  }

  @Override
  public List<Detected> detect(BufferedImage frame) {
    try (Mat full = Frames.toMat(frame);
         Mat input = scale == 1 ? full : Frames.resize(full, (int) Math.round(frame.getWidth() * scale),
             (int) Math.round(frame.getHeight() * scale));
         RectVector found = new RectVector();
         DoublePointer weights = new DoublePointer();
         Size stride = new Size(STRIDE, STRIDE);
         Size padding = new Size(PADDING, PADDING)) {
      hog.detectMultiScale(input, found, weights, 0, stride, padding, PYRAMID_SCALE, GROUP_THRESHOLD, false);
      int n = (int) found.size();
      double[][] boxes = new double[n][];
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        Rect r = found.get(i);
        boxes[i] = new double[] {r.x(), r.y(), r.width(), r.height()};
        scores[i] = (float) weights.get(i);
      }
      List<Detected> kept = new ArrayList<>();
      double inverse = 1 / scale;
      for (int i : Nms.keep(boxes, scores, NMS_IOU)) {
        double[] b = boxes[i];
        kept.add(new Detected(new Box(b[0] * inverse, b[1] * inverse, b[2] * inverse, b[3] * inverse), scores[i], 0));
      }
      return kept;
    }
  }

  @Override
  public String description() {
    return scale == 1 ? "HOG people detector" : "HOG people detector at " + scale + "x";
  }

  @Override
  public void close() {
    hog.close();
  }
}
