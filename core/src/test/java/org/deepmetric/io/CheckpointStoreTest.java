package org.deepmetric.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.models.LenetModel;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  private static final MnistDataset DATA = MnistDataset.bundledSample();
  private static final DigitBatch PROBE = DigitBatch.of(DATA.test(), 0, 100);

  @TempDir
  Path dir;

  private static LenetModel trained(int steps, long seed) {
    LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, seed);
    ShuffledBatches batches = new ShuffledBatches(DATA.train(), 64, seed);
    for (int i = 0; i < steps; i++) {
      model.trainStep(batches.get());
    }
    return model;
  }

  @Test
  void restoringGivesIdenticalPredictionsAndStep() {
    CheckpointStore store = new CheckpointStore(dir, 0);
    float[] expected;
    try (LenetModel model = trained(30, 1)) {
      expected = model.probabilities(PROBE);
      store.save(model.session(), model.globalStep());
    }
    try (LenetModel fresh = LenetModel.create(Precision.FP32, 1e-3f, 99)) {
      CheckpointStore.restore(fresh.session(), store.latest().orElseThrow());
      assertArrayEquals(expected, fresh.probabilities(PROBE));
      assertEquals(30, fresh.globalStep());
    }
  }

  @Test
  void restoredTrainingContinuesAsIfUninterrupted() {
    CheckpointStore store = new CheckpointStore(dir, 0);
    ShuffledBatches batches = new ShuffledBatches(DATA.train(), 64, 5);
    List<DigitBatch> next = List.of(batches.get(), batches.get(), batches.get());
    float[] uninterrupted;
    try (LenetModel model = trained(20, 2)) {
      store.save(model.session(), model.globalStep());
      next.forEach(model::trainStep);
      uninterrupted = model.probabilities(PROBE);
    }
    try (LenetModel resumed = LenetModel.create(Precision.FP32, 1e-3f, 2)) {
      CheckpointStore.restore(resumed.session(), store.latest().orElseThrow());
      next.forEach(resumed::trainStep);
      // Equal up to the order of multi-threaded float sums, and far from a run that lost its state.
      assertArrayEquals(uninterrupted, resumed.probabilities(PROBE), 1e-4f);
      assertEquals(23, resumed.globalStep());
    }
    try (LenetModel restarted = LenetModel.create(Precision.FP32, 1e-3f, 2)) {
      next.forEach(restarted::trainStep);
      float[] p = restarted.probabilities(PROBE);
      double gap = 0;
      for (int i = 0; i < p.length; i++) {
        gap = Math.max(gap, Math.abs(p[i] - uninterrupted[i]));
      }
      assertTrue(gap > 1e-2, "a run without its checkpoint differs by " + gap);
    }
  }

  @Test
  void aSaveKilledHalfwayLeavesThePreviousCheckpointLatest() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 0);
    try (LenetModel model = trained(3, 1)) {
      store.save(model.session(), 3);
      // What a kill between moving files and rewriting the state file leaves behind.
      Files.createDirectories(dir.resolve(".saving-123"));
      Files.write(dir.resolve("model.ckpt-9.data-00000-of-00001"), new byte[] {1, 2, 3});
      assertEquals(dir.resolve("model.ckpt-3"), store.latest().orElseThrow());
      assertEquals(List.of(dir.resolve("model.ckpt-3")), store.list());
      store.save(model.session(), 4);
      assertFalse(Files.exists(dir.resolve(".saving-123")), "leftovers are removed by the next save");
      assertEquals(dir.resolve("model.ckpt-4"), store.latest().orElseThrow());
    }
  }

  @Test
  void keepsOnlyTheNewestN() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    try (LenetModel model = trained(1, 1)) {
      for (long step = 1; step <= 4; step++) {
        store.save(model.session(), step);
      }
    }
    assertEquals(List.of(dir.resolve("model.ckpt-3"), dir.resolve("model.ckpt-4")), store.list());
    String state = Files.readString(dir.resolve("checkpoint"));
    assertTrue(state.startsWith("model_checkpoint_path: \"model.ckpt-4\""), state);
    assertFalse(state.contains("model.ckpt-2"), state);
  }

  @Test
  void resolvesPrefixesFilesAndFolders() {
    CheckpointStore store = new CheckpointStore(dir, 0);
    try (LenetModel model = trained(1, 1)) {
      store.save(model.session(), 7);
    }
    Path prefix = dir.resolve("model.ckpt-7");
    assertEquals(prefix, CheckpointStore.resolve(dir));
    assertEquals(prefix, CheckpointStore.resolve(prefix));
    assertEquals(prefix, CheckpointStore.resolve(dir.resolve("model.ckpt-7.index")));
    assertEquals(prefix, CheckpointStore.resolve(dir.resolve("model.ckpt-7.data-00000-of-00001")));
    String missing = assertThrows(DeepMetricException.class, () -> CheckpointStore.resolve(dir.resolve("model.ckpt-8")))
        .getMessage();
    assertTrue(missing.contains("model.ckpt-8") && missing.contains("no checkpoint"), missing);
    assertThrows(DeepMetricException.class, () -> CheckpointStore.resolve(dir.resolve("empty-folder-that-is-not-there")));
  }

  @Test
  void aCorruptCheckpointIsAClearError() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 0);
    try (LenetModel model = trained(1, 1)) {
      store.save(model.session(), 1);
    }
    Files.write(dir.resolve("model.ckpt-1.index"), "garbage".getBytes());
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 1)) {
      String message = assertThrows(DeepMetricException.class,
          () -> CheckpointStore.restore(model.session(), dir.resolve("model.ckpt-1"))).getMessage();
      assertTrue(message.startsWith("cannot restore checkpoint " + dir.resolve("model.ckpt-1")), message);
    }
  }
}
