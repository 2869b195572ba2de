package org.deepmetric.detect;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Rect2d;
import org.bytedeco.opencv.opencv_core.Rect2dVector;

/**
 * Greedy non-maximum suppression by OpenCV's {@code NMSBoxes}: boxes in falling score order, each
 * kept unless its IoU (no +1 pixel) with a kept box exceeds the threshold; scores of 0 or less
 * are dropped. The rule of torchvision's {@code nms} too, which ultralytics calls.
 */
final class Nms {
  private Nms() {}

  /** Indices of the kept boxes, best first; {@code boxes[i]} = x, y, w, h. */
  static int[] keep(double[][] boxes, float[] scores, double iou) {
    if (boxes.length == 0) {
      return new int[0];
    }
    try (Rect2dVector rects = new Rect2dVector(); FloatPointer s = new FloatPointer(scores);
         IntPointer indices = new IntPointer()) {
      for (double[] b : boxes) {
        rects.push_back(new Rect2d(b[0], b[1], b[2], b[3]));
      }
      opencv_dnn.NMSBoxes(rects, s, 0f, (float) iou, indices);
      int[] kept = new int[(int) indices.limit()];
      indices.get(kept);
      return kept;
    }
  }
}
