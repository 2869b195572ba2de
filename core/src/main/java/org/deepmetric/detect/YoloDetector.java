package org.deepmetric.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.OnnxSessions;

/**
 * A YOLO detector exported by ultralytics to ONNX (YOLOv5, YOLOv8, YOLO11; {@code nms=False}),
 * run by ONNX Runtime on the CPU: input float [1,3,H,W] (H and W from the model, 640 where they
 * are dynamic), letterboxed RGB / 255 ({@link Letterbox}); output decoded by {@link YoloOutput}.
 */
public final class YoloDetector implements Detector {
  /** ultralytics' image size where the model leaves it open. */
  public static final int DEFAULT_SIZE = 640;

  private final Path file;
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final String input;
  private final int width;
  private final int height;
  private final Settings settings;

  /** ultralytics' predict flags: {@code conf}, {@code iou}, and {@code classes} (empty: all). */
  public record Settings(double conf, double iou, Set<Integer> classes) {
    public static final Settings PERSONS = new Settings(0.25, 0.7, Set.of(0));
  }

  private YoloDetector(Path file, OrtSession session, String input, int width, int height, Settings settings) {
    this.file = file;
    this.session = session;
    this.input = input;
    this.width = width;
    this.height = height;
    this.settings = settings;
  }

  /** Loads {@code file}; a missing or unreadable model, or one that is not a YOLO layout, is one line. */
  public static YoloDetector load(Path file, Settings settings) {
    OrtSession session = OnnxSessions.open(file, "ONNX detector");
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      NodeInfo in = inputs.values().iterator().next();
      long[] shape = in.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
      boolean floatInput = in.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT;
      if (inputs.size() != 1 || !floatInput || shape.length != 4 || shape[1] != 3) {
        throw new DeepMetricException(file + ": input " + Arrays.toString(shape) + " is not a YOLO detector's float"
            + " [1,3,H,W]");
      }
      int h = shape[2] > 0 ? (int) shape[2] : DEFAULT_SIZE;
      int w = shape[3] > 0 ? (int) shape[3] : DEFAULT_SIZE;
      NodeInfo out = session.getOutputInfo().values().iterator().next();
      long[] outShape = out.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
      if (Arrays.stream(outShape).allMatch(d -> d > 0)) {
        YoloOutput.layout(outShape, file.toString());
      }
      return new YoloDetector(file, session, in.getName(), w, h, settings);
    } catch (OrtException | RuntimeException e) {
      OnnxSessions.closeQuietly(session);
      throw e instanceof DeepMetricException d ? d : new DeepMetricException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Detected> detect(BufferedImage frame) {
    Letterbox letterbox = Letterbox.fit(frame.getWidth(), frame.getHeight(), width, height);
    float[] pixels = letterbox.input(frame);
    try (OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), new long[] {1, 3, height, width});
         OrtSession.Result result = session.run(Map.of(input, x))) {
      OnnxTensor y = (OnnxTensor) result.get(0);
      long[] shape = y.getInfo().getShape();
      YoloOutput.Layout layout = YoloOutput.layout(shape, file.toString());
      FloatBuffer buffer = y.getFloatBuffer();
      float[] output = new float[buffer.remaining()];
      buffer.get(output);
      return YoloOutput.decode(output, shape, layout, letterbox, settings.conf(), settings.classes(), settings.iou());
    } catch (OrtException e) {
      throw new DeepMetricException(file + ": ONNX Runtime failed (" + OnnxSessions.firstLine(e) + ")", e);
    }
  }

  @Override
  public String description() {
    return file.getFileName() + " (" + width + "x" + height + ")";
  }

  @Override
  public void close() {
    OnnxSessions.closeQuietly(session);
  }
}
