package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=finalize}: a checkpoint of the network's variables only, no optimizer state, at {@code target}. */
record ReidFinalizeMode(Path target, CheckpointNames names) implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    Path prefix = run.checkpoint();
    try (ReidEncoder encoder = run.encoder(ReidEncoder.ChannelOrder.RGB, Precision.FP32)) {
      ModelExport.finalizeCheckpoint(encoder, target, names);
      run.out().println("wrote the network's variables of " + prefix + " to " + target + ".index/.data-* under "
          + names + " names");
    }
  }
}
