package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=freeze}: the frozen graph deep_sort loads, at {@code target}, computing in {@code precision}. */
record ReidFreezeMode(Path target, Precision precision) implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    Path prefix = run.checkpoint();
    try (ReidEncoder encoder = run.encoder(ReidEncoder.ChannelOrder.BGR, precision)) {
      var frozen = ModelExport.freeze(encoder, target);
      run.out().printf("froze %s into %s: %d nodes, %d bytes; input 'images' uint8 BGR [None,%d,%d,3],"
          + " output 'features' float32 [None,%d]; %s convolutions%n", prefix, target, frozen.getNodeCount(),
          frozen.getSerializedSize(), run.imageShape().height(), run.imageShape().width(), encoder.featureDim(),
          precision);
    }
  }
}
