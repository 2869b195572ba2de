package org.deepmetric.data.reid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One policy for bad files: skipped with a warning naming them, or fatal with --strict. */
class BadFilesTest {
  @TempDir
  Path dir;

  @Test
  void aStrayFileIsSkippedWithOneWarningOrStopsAStrictRun() throws IOException {
    Path root = dir.resolve("market");
    SyntheticMarket1501.write(root, new SynthOptions(8, 2, 0, 0, 1));
    Path stray = Files.writeString(root.resolve("bounding_box_train/Thumbs.db"), "x");
    Files.writeString(root.resolve("bounding_box_train/notes.txt"), "x");
    List<String> warnings = new ArrayList<>();
    Market1501 market = Market1501.open(root, false, warnings::add);
    assertTrue(market.train().size() > 0);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("skipped 2 entries that are not .jpg images in ")
        && warnings.get(0).endsWith("(first: Thumbs.db)"), warnings.get(0));
    String message = assertThrows(DeepMetricException.class, () -> Market1501.open(root, true, warnings::add))
        .getMessage();
    assertEquals(stray + ": not a .jpg image (--strict)", message);
  }

  @Test
  void anUnreadableCropLeavesTrainingBatchesOrStopsAStrictRun() throws IOException {
    Path root = dir.resolve("market");
    SyntheticMarket1501.write(root, new SynthOptions(8, 2, 0, 0, 1));
    List<PersonImage> train = Market1501.open(root, true, w -> { }).train();
    Path broken = train.get(0).file();
    Files.write(broken, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
    Supplier<List<PersonImage>> everything = () -> train;
    List<String> warnings = new ArrayList<>();
    try (CropLoader loader = new CropLoader(2)) {
      Supplier<ReidBatch> lenient = loader.training(everything, 1, warnings::add, ImageShape.DEFAULT, Augmentation.FLIP_ONLY);
      assertEquals(train.size() - 1, lenient.get().size(), "the broken crop is left out");
      assertEquals(train.size() - 1, lenient.get().size());
      assertEquals(List.of(broken + ": cannot be decoded; left out of training batches"), warnings, "reported once");
      DeepMetricException strict = assertThrows(DeepMetricException.class, () -> loader.training(everything, 1, null, ImageShape.DEFAULT, Augmentation.FLIP_ONLY).get());
      assertTrue(strict.getMessage().startsWith(broken.toString()), strict.getMessage());
      assertThrows(DeepMetricException.class, () -> loader.load(train, null, ImageShape.DEFAULT), "evaluation needs every crop");
    }
  }
}
