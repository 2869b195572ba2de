package org.deepmetric.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deepmetric.DeepMetricException;

/** What the build recorded about itself: the toolkit's version and the TensorFlow Java it was built with. */
public final class BuildInfo {
  static final String RESOURCE = "/org/deepmetric/build.properties";

  private BuildInfo() {}

  /** The toolkit's version, as exported models and run records name their producer. */
  public static String version() {
    return read().getProperty("version");
  }

  /** The TensorFlow Java release the toolkit was built against. */
  public static String tensorflowJava() {
    return read().getProperty("tensorflow.java");
  }

  private static Properties read() {
    Properties build = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new DeepMetricException(RESOURCE + " is missing from the build");
      }
      build.load(in);
    } catch (IOException e) {
      throw new DeepMetricException(RESOURCE + ": cannot read (" + e.getMessage() + ")", e);
    }
    return build;
  }
}
