package org.deepmetric.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.infer.FrozenGraph;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TUint8;

/** What several benchmark parts measure on: random crops, an untrained re-ID checkpoint, one frozen-graph call. */
final class BenchFixtures {
  private BenchFixtures() {}

  /** {@code batch} 128x64 crops of random pixels (the same every call), 4 per identity. */
  static ReidBatch randomCrops(int batch) {
    SplittableRandom random = new SplittableRandom(3);
    byte[] pixels = new byte[batch * ImageShape.DEFAULT.bytes()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = 1 + i / 4;
    }
    return new ReidBatch(pixels, labels, ImageShape.DEFAULT);
  }

  /**
   * A checkpoint of the re-ID network's initial weights at {@code prefix}, with Market-1501's 1,502
   * classes (speed does not depend on training).
   */
  static Path untrainedReidCheckpoint(Path prefix) {
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).build()) {
      CheckpointStore.saveAtomically(model.session(), prefix);
    }
    return prefix;
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
