package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.ReidEncoder;

/** {@code --mode=finalize}: a checkpoint of the network's variables only, no optimizer state. */
final class ReidFinalizeMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    Path prefix = c.checkpoint();
    Path target = c.outputOr(".ckpt");
    try (ReidEncoder encoder = ReidEncoder.restore(prefix, ReidEncoder.ChannelOrder.RGB)) {
      ModelExport.finalizeCheckpoint(encoder, target);
      c.out().println("wrote the network's variables of " + prefix + " to " + target + ".index/.data-*");
    }
  }
}
