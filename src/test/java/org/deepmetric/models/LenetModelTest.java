package org.deepmetric.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Test;

class LenetModelTest {
  @Test
  void smoke() {
    MnistDataset data = MnistDataset.bundledSample();
    for (Precision p : Precision.values()) {
      try (LenetModel model = LenetModel.create(p, 1e-3f, 1)) {
        ShuffledBatches batches = new ShuffledBatches(data.train(), 64, 1);
        long t0 = System.nanoTime();
        Map<String, Float> last = null;
        for (int i = 0; i < 1000; i++) {
          last = model.trainStep(batches.get());
          if (i % 250 == 0) System.out.println(i + " " + last);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / 1000;
        double acc = model.accuracy(data.test());
        System.out.println(p + " " + last + " acc=" + acc + " ms/step=" + ms);
        assertEquals(1000, model.globalStep());
        assertTrue(acc > 0.5);
      }
    }
  }
}
