package org.deepmetric.flags;

import org.deepmetric.io.BuildInfo;
import org.tensorflow.TensorFlow;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the toolkit's version and the TensorFlow runtime it drives. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
        "deepmetric " + BuildInfo.version(),
        "TensorFlow Java " + BuildInfo.tensorflowJava() + " on TensorFlow " + TensorFlow.version()};
  }
}
