package org.deepmetric.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
  @TempDir
  Path dir;

  @Test
  void loadsAFolderWithMixedFileSpellings() throws IOException {
    MnistDataset data = MnistDataset.load(IdxFixtures.mnistFolder(dir, 30, 20));
    assertEquals(30, data.train().size());
    assertEquals(20, data.test().size());
    assertEquals(7, data.test().labels()[7]);
  }

  @Test
  void namesEveryMissingFile() throws IOException {
    IdxFixtures.mnistFolder(dir, 3, 3);
    Files.delete(dir.resolve("t10k-labels.idx1-ubyte"));
    Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
    String message = assertThrows(DeepMetricException.class, () -> MnistDataset.open(dir, true, n -> {})).getMessage();
    assertTrue(message.contains("train-images-idx3-ubyte") && message.contains("t10k-labels-idx1-ubyte"), message);
  }

  @Test
  void fallsBackToTheBundledSampleWithANotice() {
    List<String> notices = new ArrayList<>();
    MnistDataset data = MnistDataset.open(dir, true, notices::add);
    assertEquals(8000, data.train().size());
    assertEquals(2000, data.test().size());
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains("bundled"));
  }

  @Test
  void bundledSampleIsStratified() {
    MnistDataset sample = MnistDataset.bundledSample();
    int[] test = new int[10];
    int[] all = new int[10];
    for (int label : sample.test().labels()) {
      test[label]++;
      all[label]++;
    }
    for (int label : sample.train().labels()) {
      all[label]++;
    }
    for (int digit = 0; digit < 10; digit++) {
      assertEquals(Math.round(all[digit] * 0.2), test[digit], "test share of digit " + digit);
    }
  }

  @Test
  void aMissingDefaultFolderFallsBackButAMissingGivenOneIsAnError() {
    Path missing = dir.resolve("nowhere");
    assertEquals("bundled MNIST sample", MnistDataset.open(missing, false, n -> {}).origin());
    String message = assertThrows(DeepMetricException.class, () -> MnistDataset.open(missing, true, n -> {})).getMessage();
    assertTrue(message.contains(missing.toString()) && message.contains("no such folder"), message);
  }

  @Test
  void shuffledBatchesVisitEveryImageOncePerPass() throws IOException {
    DigitSet set = MnistDataset.load(IdxFixtures.mnistFolder(dir, 40, 10)).train();
    ShuffledBatches batches = new ShuffledBatches(set, 8, 3);
    int[] seen = new int[10];
    List<Integer> firstPass = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      DigitBatch batch = batches.get();
      for (int label : batch.labels()) {
        seen[label]++;
        firstPass.add(label);
      }
    }
    for (int count : seen) {
      assertEquals(4, count);
    }
    List<Integer> secondPass = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      for (int label : batches.get().labels()) {
        secondPass.add(label);
      }
    }
    assertTrue(!firstPass.equals(secondPass), "each pass is reshuffled");
  }

  @Test
  void prefetcherHandsOnProducerFailures() {
    int[] calls = {0};
    try (Prefetcher<Integer> prefetcher = new Prefetcher<>(() -> {
      if (++calls[0] > 2) {
        throw new DeepMetricException("disk gone");
      }
      return calls[0];
    }, 4, "test")) {
      assertEquals(1, prefetcher.get());
      assertEquals(2, prefetcher.get());
      assertEquals("disk gone", assertThrows(DeepMetricException.class, prefetcher::get).getMessage());
    }
  }
}
