package org.deepmetric.detect;

import java.awt.image.BufferedImage;
import java.util.List;

/** Finds objects in one frame at a time. One thread uses an instance. */
public interface Detector extends AutoCloseable {
  /** The boxes in a BGR frame ({@code TYPE_3BYTE_BGR}), best first. */
  List<Detected> detect(BufferedImage frame);

  /** A short description for reports: "HOG people detector at 0.5x", "yolo11n.onnx (640x640)". */
  String description();

  @Override
  void close();
}
