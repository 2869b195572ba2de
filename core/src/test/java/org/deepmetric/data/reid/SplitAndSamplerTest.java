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
    IdentitySampler sampler = new IdentitySampler(images(100, 6), 32, 4, 7, SplitAndSamplerTest::noNote);
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

  private static void noNote(String note) {
    throw new AssertionError("no note expected: " + note);
  }

  @Test
  void identitiesWithFewerImagesAreMadeUpByFurtherIdentitiesAsTheOriginalDoes() {
    // 20 identities of 2 images: 4 identities give 8 crops, 8 more identities fill the batch of 16.
    IdentitySampler sampler = new IdentitySampler(images(20, 2), 4, 4, 1, SplitAndSamplerTest::noNote);
    for (int b = 0; b < 10; b++) {
      List<PersonImage> batch = sampler.get();
      assertEquals(16, batch.size());
      assertEquals(16, new HashSet<>(batch).size(), "no crop twice");
      assertEquals(8, batch.stream().map(PersonImage::personId).distinct().count());
    }
  }

  @Test
  void tooSmallADatasetGivesSmallerBatchesAndOneNote() {
    List<String> notes = new ArrayList<>();
    // 3 identities, one of them with a single image: 7 crops for a batch of 128.
    List<PersonImage> images = new ArrayList<>(images(2, 3));
    images.add(new PersonImage(Path.of("lonely.jpg"), 9, 1, 1, 0));
    IdentitySampler sampler = new IdentitySampler(images, 32, 4, 1, notes::add);
    assertEquals(7, sampler.get().size());
    assertEquals(7, sampler.get().size());
    assertEquals(List.of("a batch of 128 could not be filled from 3 identities (7 crops); this one holds 7"), notes);
    assertThrows(DeepMetricException.class, () -> new IdentitySampler(
        List.of(new PersonImage(Path.of("junk.jpg"), -1, 1, 1, 0)), 32, 4, 1, notes::add), "junk alone is nothing to train on");
  }

  /**
   * The original draws the validation ids with NumPy: {@code RandomState(1234).choice(unique_ids,
   * int(0.1 * n), replace=False)}. The expected ids below were computed by NumPy 2.4 for id lists
   * of Market-1501's size (751 identities) and MARS's (625).
   */
  @Test
  void theValidationIdsAreNumpysDrawItemForItem() {
    assertEquals(822569775L, new NumpyRandomState(1234).nextUint32(), "MT19937's first word for seed 1234");
    List<PersonImage> market = new ArrayList<>();
    for (int i = 0; i < 751; i++) {
      market.add(new PersonImage(Path.of(i + ".jpg"), 2 + 2 * i, 1, 1, i));
    }
    List<Integer> numpyMarket = List.of(1358, 706, 434, 1036, 312, 1486, 376, 264, 1346, 1208, 854, 970, 1146, 1286,
        662, 180, 686, 714, 712, 578, 572, 1452, 202, 632, 908, 1136, 168, 414, 1316, 1140, 734, 526, 44, 1404, 776,
        582, 1476, 542, 1490, 1302, 268, 122, 352, 342, 960, 486, 1244, 558, 1046, 1006, 250, 258, 910, 1048, 252,
        564, 298, 118, 576, 1450, 1034, 556, 680, 826, 640, 336, 604, 1158, 50, 962, 210, 386, 1496, 60, 1396);
    assertEquals(numpyMarket, List.copyOf(IdentitySplit.draw(market, 0.1, 1234).validationIds()));
    List<PersonImage> mars = new ArrayList<>();
    for (int id = 625; id >= 1; id--) {
      mars.add(new PersonImage(Path.of(id + ".jpg"), id, 1, 1, id));
    }
    List<Integer> numpyMars = List.of(182, 302, 399, 161, 581, 555, 267, 422, 556, 164, 587, 551, 147, 324, 458, 419,
        558, 546, 167, 232, 125, 316, 150, 385, 177, 298, 365, 59, 513, 320, 271, 527, 553, 171, 262, 510, 222, 323,
        548, 362, 348, 266, 62, 439, 340, 530, 101, 450, 70, 305, 129, 172, 240, 255, 561, 65, 30, 520, 188, 113, 114,
        623);
    assertEquals(numpyMars, List.copyOf(IdentitySplit.draw(mars, 0.1, 1234).validationIds()),
        "drawn from the sorted unique ids, whatever the file order");
  }
}
