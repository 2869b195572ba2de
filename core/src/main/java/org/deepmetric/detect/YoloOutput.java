package org.deepmetric.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.track.Box;

/**
 * Decodes a YOLO model's raw output as ultralytics' non_max_suppression does with multi-label off.
 * The layout is read from the shape: [1, 4+C, N] (YOLOv8, YOLO11: centre x, centre y, width,
 * height, then C class scores per candidate, candidates along the last axis) when the middle axis
 * is the shorter, else [1, N, 5+C] (YOLOv5: the box, an objectness, C class scores per row; a
 * class's score is objectness x class score). Each candidate takes its best class; candidates
 * above {@code conf} of the wanted classes pass class-aware NMS (boxes offset by class x 7680,
 * ultralytics' max_wh), at most 300 kept.
 */
final class YoloOutput {
  static final int MAX_DETECTIONS = 300;
  static final int MAX_NMS = 30000;
  static final double MAX_WH = 7680;

  enum Layout { V8, V5 }

  private YoloOutput() {}

  /** The layout of an output of {@code shape}; one line naming the shape when it is neither. */
  static Layout layout(long[] shape, String model) {
    if (shape.length == 3 && shape[0] == 1) {
      if (shape[1] < shape[2] && shape[1] >= 5) {
        return Layout.V8;
      }
      if (shape[2] < shape[1] && shape[2] >= 6) {
        return Layout.V5;
      }
    }
    throw new DeepMetricException(model + ": output " + Arrays.toString(shape) + " is neither YOLOv8/YOLO11's [1,4+C,N]"
        + " nor YOLOv5's [1,N,5+C]; export the detector with ultralytics (format=onnx, nms=False)");
  }

  /**
   * Detections in frame pixels. {@code output} is the model's output of {@code shape}, row-major;
   * {@code classes} empty means every class.
   */
  static List<Detected> decode(float[] output, long[] shape, Layout layout, Letterbox letterbox, double conf,
      Set<Integer> classes, double iou) {
    int candidates = (int) (layout == Layout.V8 ? shape[2] : shape[1]);
    int width = (int) (layout == Layout.V8 ? shape[1] : shape[2]);
    int classCount = layout == Layout.V8 ? width - 4 : width - 5;
    int classOffset = layout == Layout.V8 ? 4 : 5;
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      double objectness = layout == Layout.V5 ? value(output, layout, candidates, width, i, 4) : 1;
      if (layout == Layout.V5 && !(objectness > conf)) {
        continue;
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classCount; c++) {
        double score = value(output, layout, candidates, width, i, classOffset + c) * objectness;
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      if (!(bestScore > conf) || (!classes.isEmpty() && !classes.contains(best))) {
        continue;
      }
      double cx = value(output, layout, candidates, width, i, 0);
      double cy = value(output, layout, candidates, width, i, 1);
      double w = value(output, layout, candidates, width, i, 2);
      double h = value(output, layout, candidates, width, i, 3);
      kept.add(new double[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, bestScore, best});
    }
    kept.sort((a, b) -> Double.compare(b[4], a[4]));
    if (kept.size() > MAX_NMS) {
      kept = new ArrayList<>(kept.subList(0, MAX_NMS));
    }
    double[][] offset = new double[kept.size()][];
    float[] scores = new float[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      double[] k = kept.get(i);
      double shift = k[5] * MAX_WH;
      offset[i] = new double[] {k[0] + shift, k[1] + shift, k[2] - k[0], k[3] - k[1]};
      scores[i] = (float) k[4];
    }
    List<Detected> detections = new ArrayList<>();
    for (int i : Nms.keep(offset, scores, iou)) {
      if (detections.size() == MAX_DETECTIONS) {
        break;
      }
      double[] k = kept.get(i);
      double[] box = letterbox.toFrame(k[0], k[1], k[2], k[3]);
      detections.add(new Detected(new Box(box[0], box[1], box[2], box[3]), k[4], (int) k[5]));
    }
    return detections;
  }

  private static double value(float[] output, Layout layout, int candidates, int width, int candidate, int field) {
    return layout == Layout.V8 ? output[field * candidates + candidate] : output[candidate * width + field];
  }
}
