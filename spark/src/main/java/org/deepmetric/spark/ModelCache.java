package org.deepmetric.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.deepmetric.DeepMetricException;
import org.deepmetric.infer.AppearanceModel;

/**
 * The appearance models of this JVM, loaded once on first use and shared by every task the
 * executor runs (a TensorFlow session or an ONNX Runtime session cannot be serialised, and
 * loading one per task would cost more than the task). Closed when the JVM exits.
 */
final class ModelCache {
  private static final Map<String, AppearanceModel> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> MODELS.values().forEach(AppearanceModel::close),
        "close-models"));
  }

  private ModelCache() {}

  /**
   * The model at {@code model}: a path every executor can read (a shared file system, or the
   * driver's own disk in local mode), or the name of a file shipped with {@code spark-submit --files}.
   */
  static AppearanceModel get(String model) {
    return MODELS.computeIfAbsent(model, name -> AppearanceModel.load(locate(name)));
  }

  private static Path locate(String model) {
    Path path = Path.of(model);
    if (Files.isRegularFile(path)) {
      return path;
    }
    try {
      Path shipped = Path.of(SparkFiles.get(path.getFileName().toString()));
      if (Files.isRegularFile(shipped)) {
        return shipped;
      }
    } catch (RuntimeException noSparkContext) {
      // Outside a Spark task there are no shipped files to look in.
    }
    throw new DeepMetricException(model + ": model not found on this executor; put it on a file system every "
        + "executor reads, or ship it with spark-submit --files");
  }
}
