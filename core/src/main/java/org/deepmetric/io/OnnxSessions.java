package org.deepmetric.io;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepmetric.DeepMetricException;

/** ONNX Runtime sessions on the CPU as every model here opens them, with one-line errors. */
public final class OnnxSessions {
  private OnnxSessions() {}

  /** A session over {@code file}; {@code what} names the kind of model in errors ("ONNX detector"). */
  public static OrtSession open(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException("no " + what + " at " + file);
    }
    try (OrtSession.SessionOptions options = options()) {
      return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
    } catch (OrtException e) {
      throw new DeepMetricException("not a readable ONNX model: " + file + " (" + firstLine(e) + ")", e);
    }
  }

  /** A session over a model held in memory (one being written or calibrated). */
  public static OrtSession open(byte[] model, String what) {
    try (OrtSession.SessionOptions options = options()) {
      return OrtEnvironment.getEnvironment().createSession(model, options);
    } catch (OrtException e) {
      throw new DeepMetricException("ONNX Runtime cannot load the " + what + " (" + firstLine(e) + ")", e);
    }
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    // ONNX Runtime counts physical cores; TensorFlow, and this, every logical one.
    options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
    // Idle workers that spin take the cores from whatever runs beside the model, such as a
    // tracking run's detector (vtest.avi with HOG: 10.4-11.0 frames/s spinning, 12.6-13.9 not);
    // batch throughput alone did not change measurably.
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    return options;
  }

  /** The ONNX Runtime version that runs the sessions. */
  public static String version() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  /** The one tensor among a model's inputs or outputs; more, or none, is an error naming them. */
  public static TensorInfo onlyTensor(Map<String, NodeInfo> values, Path file, String what) {
    if (values.size() != 1 || !(values.values().iterator().next().getInfo() instanceof TensorInfo info)) {
      throw new DeepMetricException(file + " has " + values.size() + " " + what + "s " + values.keySet()
          + "; an appearance model has one tensor " + what);
    }
    return info;
  }

  public static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing left to release that a caller could act on.
    }
  }

  /** The first line of ONNX Runtime's message, which goes on with a native stack. */
  public static String firstLine(Exception e) {
    return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
  }
}
