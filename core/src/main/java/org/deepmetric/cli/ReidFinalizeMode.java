package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=finalize}: a checkpoint of the network's variables only, no optimizer state. */
final class ReidFinalizeMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    Path prefix = c.checkpoint();
    Path target = c.outputOr(".ckpt");
    try (ReidEncoder encoder = c.encoder(ReidEncoder.ChannelOrder.RGB, Precision.FP32)) {
      ModelExport.finalizeCheckpoint(encoder, target, c.checkpointNames);
      c.out().println("wrote the network's variables of " + prefix + " to " + target + ".index/.data-* under "
          + c.checkpointNames + " names");
    }
  }
}
