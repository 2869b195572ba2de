package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=savedmodel}: a SavedModel for TensorFlow Serving. */
final class ReidSavedModelMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    Path target = c.outputOr("_savedmodel");
    try (ReidEncoder encoder = c.encoder(ReidEncoder.ChannelOrder.BGR, Precision.FP32)) {
      ModelExport.savedModel(encoder, target);
      c.out().println("wrote SavedModel " + target + " (signature " + ModelExport.SIGNATURE
          + ": images uint8 BGR -> features)");
    }
  }
}
