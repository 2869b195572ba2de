package org.deepmetric.data.reid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitAndSamplerTest {
  @TempDir
  Path dir;

  /** ids 1..n with {@code perId} images each, plus some junk. */
  private static List<PersonImage> images(int n, int perId) {
    List<PersonImage> images = new ArrayList<>();
    for (int id = 1; id <= n; id++) {
      for (int k = 0; k < perId; k++) {
        images.add(new PersonImage(Path.of(id + "_" + k + ".jpg"), id, k % 6 + 1, 1, k));
      }
    }
    images.add(new PersonImage(Path.of("junk.jpg"), -1, 1, 1, 0));
    return images;
  }

  @Test
  void splitIsDeterministicDisjointAndTakesATenthOfIdentities() {
    List<PersonImage> images = images(200, 3);
    IdentitySplit a = IdentitySplit.draw(images, 0.1, 1234);
    IdentitySplit b = IdentitySplit.draw(images, 0.1, 1234);
    assertEquals(a, b);
    assertEquals(20, a.validationIds().size());
    assertNotEquals(a, IdentitySplit.draw(images, 0.1, 4321));
    Set<Integer> trainIds = new HashSet<>();
    a.training(images).forEach(i -> trainIds.add(i.personId()));
    a.validation(images).forEach(i -> assertTrue(!trainIds.contains(i.personId())));
    assertEquals(images.size(), a.training(images).size() + a.validation(images).size());
    assertTrue(!a.validationIds().contains(-1), "junk is never a validation identity");
  }

  @Test
  void theSplitIsSavedWithTheRunAndReused() {
    List<PersonImage> images = images(50, 2);
    IdentitySplit first = IdentitySplit.forRun(dir, images);
    assertEquals(first, IdentitySplit.load(dir.resolve(IdentitySplit.FILE_NAME)));
    IdentitySplit again = IdentitySplit.forRun(dir, images(80, 2));
    assertEquals(first, again, "a later mode uses the saved split, not a new draw");
  }

  @Test
  void batchesHold32IdentitiesOf4DistinctImages() {
    IdentitySampler sampler = new IdentitySampler(images(100, 6), 32, 4, 7);
    for (int b = 0; b < 5; b++) {
      List<PersonImage> batch = sampler.get();
      assertEquals(128, batch.size());
      Map<Integer, Set<Path>> byId = new HashMap<>();
      batch.forEach(i -> byId.computeIfAbsent(i.personId(), k -> new HashSet<>()).add(i.file()));
      assertEquals(32, byId.size());
      byId.values().forEach(files -> assertEquals(4, files.size()));
      assertTrue(!byId.containsKey(-1), "false alarms are left out");
    }
  }

  @Test
  void identitiesWithFewerImagesShrinkTheBatch() {
    List<PersonImage> images = images(4, 2);
    IdentitySampler sampler = new IdentitySampler(images, 4, 4, 1);
    assertEquals(8, sampler.get().size());
  }

  @Test
  void tooFewIdentitiesIsAClearError() {
    String message = assertThrows(DeepMetricException.class, () -> new IdentitySampler(images(10, 4), 32, 4, 1))
        .getMessage();
    assertTrue(message.contains("32 identities") && message.contains("has 10"), message);
  }
}
