package org.deepmetric.detect;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;

import java.awt.image.BufferedImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.deepmetric.data.video.Frames;

/**
 * ultralytics' LetterBox for a fixed model input: the frame scaled by {@code gain} = the smaller of
 * the two size ratios (up or down), rounded to whole pixels, resized by OpenCV's INTER_LINEAR,
 * centred and padded with grey 114; top and left padding round(d - 0.1), bottom and right
 * round(d + 0.1), where d is half the missing pixels (Python's round: halves to even). Boxes go
 * back by subtracting the padding, dividing by the gain and clipping to the frame, as its
 * scale_boxes does.
 */
record Letterbox(int frameWidth, int frameHeight, int inputWidth, int inputHeight, double gain, int padLeft,
    int padTop) {
  static final int GREY = 114;

  static Letterbox fit(int frameWidth, int frameHeight, int inputWidth, int inputHeight) {
    double gain = Math.min((double) inputHeight / frameHeight, (double) inputWidth / frameWidth);
    int scaledWidth = (int) Math.rint(frameWidth * gain);
    int scaledHeight = (int) Math.rint(frameHeight * gain);
    double dw = (inputWidth - scaledWidth) / 2.0;
    double dh = (inputHeight - scaledHeight) / 2.0;
    return new Letterbox(frameWidth, frameHeight, inputWidth, inputHeight, gain, (int) Math.rint(dw - 0.1),
        (int) Math.rint(dh - 0.1));
  }

  int scaledWidth() {
    return (int) Math.rint(frameWidth * gain);
  }

  int scaledHeight() {
    return (int) Math.rint(frameHeight * gain);
  }

  /** The model's input: RGB, /255, planar [3, inputHeight, inputWidth]. */
  float[] input(BufferedImage bgrFrame) {
    int right = inputWidth - scaledWidth() - padLeft;
    int bottom = inputHeight - scaledHeight() - padTop;
    try (Mat frame = Frames.toMat(bgrFrame);
         Mat scaled = scaledWidth() == frameWidth && scaledHeight() == frameHeight ? frame.clone()
             : Frames.resize(frame, scaledWidth(), scaledHeight());
         Mat padded = new Mat();
         Scalar grey = new Scalar(GREY, GREY, GREY, 0)) {
      opencv_core.copyMakeBorder(scaled, padded, padTop, bottom, padLeft, right, BORDER_CONSTANT, grey);
      byte[] bgr = Frames.bytes(Frames.fromMat(padded));
      int plane = inputWidth * inputHeight;
      float[] out = new float[3 * plane];
      for (int p = 0; p < plane; p++) {
        out[p] = (bgr[3 * p + 2] & 0xff) / 255f;
        out[plane + p] = (bgr[3 * p + 1] & 0xff) / 255f;
        out[2 * plane + p] = (bgr[3 * p] & 0xff) / 255f;
      }
      return out;
    }
  }

  /** A box given in input pixels as corners, in frame pixels (x, y, w, h), clipped to the frame. */
  double[] toFrame(double x1, double y1, double x2, double y2) {
    double left = clip((x1 - padLeft) / gain, frameWidth);
    double top = clip((y1 - padTop) / gain, frameHeight);
    double right = clip((x2 - padLeft) / gain, frameWidth);
    double bottom = clip((y2 - padTop) / gain, frameHeight);
    return new double[] {left, top, right - left, bottom - top};
  }

  private static double clip(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }
}
