package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=savedmodel}: a SavedModel for TensorFlow Serving, in the folder {@code target}. */
record ReidSavedModelMode(Path target) implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    try (ReidEncoder encoder = run.encoder(ReidEncoder.ChannelOrder.BGR, Precision.FP32)) {
      ModelExport.savedModel(encoder, target);
      run.out().println("wrote SavedModel " + target + " (signature " + ModelExport.SIGNATURE
          + ": images uint8 BGR -> features)");
    }
  }
}
