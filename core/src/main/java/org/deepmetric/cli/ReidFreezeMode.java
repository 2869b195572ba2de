package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.export.ModelExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=freeze}: the frozen graph deep_sort loads. */
final class ReidFreezeMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    Path prefix = c.checkpoint();
    Path target = c.outputOr(".pb");
    Precision precision = c.effectivePrecision();
    try (ReidEncoder encoder = c.encoder(ReidEncoder.ChannelOrder.BGR, precision)) {
      var frozen = ModelExport.freeze(encoder, target);
      c.out().printf("froze %s into %s: %d nodes, %d bytes; input 'images' uint8 BGR [None,%d,%d,3],"
          + " output 'features' float32 [None,128]; %s convolutions%n", prefix, target, frozen.getNodeCount(),
          frozen.getSerializedSize(), c.imageShape().height(), c.imageShape().width(), precision);
    }
  }
}
