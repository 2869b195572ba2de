package org.deepmetric.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.infer.FrozenGraph;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidGraphSettings;
import org.deepmetric.models.ReidModel;
import org.deepmetric.models.ReidNetwork;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TUint8;

/** What several benchmark parts measure on: random crops, an untrained re-ID checkpoint, one frozen-graph call. */
final class BenchFixtures {
  private BenchFixtures() {}

  /** {@code batch} 128x64 crops of random pixels (the same every call), 4 per identity. */
  static ReidBatch randomCrops(int batch) {
    return randomCrops(batch, ImageShape.DEFAULT);
  }

  /** {@code batch} crops of {@code shape}, random pixels (the same every call), 4 per identity. */
  static ReidBatch randomCrops(int batch, ImageShape shape) {
    SplittableRandom random = new SplittableRandom(3);
    byte[] pixels = new byte[batch * shape.bytes()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = 1 + i / 4;
    }
    return new ReidBatch(pixels, labels, shape);
  }

  /**
   * A checkpoint of the re-ID network's initial weights at {@code prefix}, with Market-1501's 1,502
   * classes (speed does not depend on training).
   */
  static Path untrainedReidCheckpoint(Path prefix) {
    return untrainedReidCheckpoint(prefix, ReidNetwork.COSINE);
  }

  /** The same for {@code network} at its own crop size, with {@code --recipe tricks}'s BNNeck for OSNet. */
  static Path untrainedReidCheckpoint(Path prefix, ReidNetwork network) {
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).network(network)
        .imageShape(network.defaultShape()).settings(bnNeck(network)).build()) {
      CheckpointStore.saveAtomically(model.session(), prefix);
    }
    return prefix;
  }

  /** The graph settings a benchmark builds {@code network} with: OSNet as {@code --recipe tricks} trains it. */
  static ReidGraphSettings bnNeck(ReidNetwork network) {
    return network == ReidNetwork.COSINE ? ReidGraphSettings.ORIGINAL : ReidGraphSettings.TRICKS;
  }

  /** One forward pass of a frozen re-ID graph over {@code data}. */
  static void inferOnce(FrozenGraph graph, ReidBatch data) {
    try (TUint8 x = TUint8.tensorOf(Shape.of(data.size(), data.shape().height(), data.shape().width(),
             ImageShape.CHANNELS), DataBuffers.of(data.images(), true, false));
         Result result = graph.session().runner().feed(ReidEncoder.INPUT, x).fetch(ReidEncoder.OUTPUT).run()) {
      result.get(0);
    }
  }
}
