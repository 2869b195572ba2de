package org.deepmetric.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deepmetric.DeepMetricException;
import picocli.CommandLine.IVersionProvider;

/** Reports the toolkit's version and the TensorFlow runtime it drives, as the build recorded them. */
public final class Version implements IVersionProvider {
  static final String RESOURCE = "/org/deepmetric/build.properties";

  @Override
  public String[] getVersion() {
    Properties build = build();
    return new String[] {
        "deepmetric " + build.getProperty("version"),
        "TensorFlow Java " + build.getProperty("tensorflow.java") + " on TensorFlow " + org.tensorflow.TensorFlow.version()};
  }

  /** The toolkit's version, as exported models record their producer. */
  static String toolkit() {
    return build().getProperty("version");
  }

  private static Properties build() {
    Properties build = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
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
