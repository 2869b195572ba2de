package org.deepmetric.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the toolkit's version and the TensorFlow runtime it drives. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = DeepMetric.class.getPackage().getImplementationVersion();
    return new String[] {
        "deepmetric " + (own == null ? "(development build)" : own),
        "TensorFlow Java 1.1.0 on TensorFlow " + org.tensorflow.TensorFlow.version()};
  }
}
