package org.deepmetric.data.reid;

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

class ReidNamesTest {
  @TempDir
  Path dir;

  @Test
  void parsesMarket1501Names() {
    PersonImage image = ReidNames.market1501(Path.of("0002_c1s1_000451_03.jpg")).orElseThrow();
    assertEquals(new PersonImage(Path.of("0002_c1s1_000451_03.jpg"), 2, 1, 1, 451), image);
    assertEquals(-1, ReidNames.market1501(Path.of("-1_c3s2_064328_01.jpg")).orElseThrow().personId());
    assertEquals(0, ReidNames.market1501(Path.of("0000_c6s4_002452_02.jpg")).orElseThrow().personId());
    assertEquals(1501, ReidNames.market1501(Path.of("1501_c6s4_001877_01.jpg")).orElseThrow().personId());
    // As torchreid reads the layout: person and camera, the rest free.
    assertEquals(new PersonImage(Path.of("0001_c2_f0046182.jpg"), 1, 2, 0, 0),
        ReidNames.market1501(Path.of("0001_c2_f0046182.jpg")).orElseThrow(), "DukeMTMC-reID");
    assertEquals(new PersonImage(Path.of("0002_c1s1_0004510_03.jpg"), 2, 1, 1, 4510),
        ReidNames.market1501(Path.of("0002_c1s1_0004510_03.jpg")).orElseThrow(), "a 7-digit frame number");
    assertEquals(1467, ReidNames.market1501(Path.of("1467_c2_1.jpg")).orElseThrow().personId(), "CUHK03-NP");
    for (String bad : List.of("0002_c1s1_000451_03.png", "Thumbs.db", "-2_c1s1_000451_03.jpg", "x0002_c1s1.jpg",
        "0002_cAs1_000451_03.jpg", "99999999999_c1.jpg")) {
      assertTrue(ReidNames.market1501(Path.of(bad)).isEmpty(), bad);
    }
  }

  @Test
  void parsesMarsNames() {
    PersonImage image = ReidNames.mars(Path.of("0001C1T0001F001.jpg")).orElseThrow();
    assertEquals(new PersonImage(Path.of("0001C1T0001F001.jpg"), 1, 1, 1, 1), image);
    PersonImage junk = ReidNames.mars(Path.of("00-1C6T0042F118.jpg")).orElseThrow();
    assertEquals(-1, junk.personId());
    assertEquals(6, junk.camera());
    assertEquals(42, junk.sequence());
    assertEquals(118, junk.frame());
    assertEquals(0, ReidNames.mars(Path.of("0000C2T0003F009.jpg")).orElseThrow().personId());
    assertEquals("00-1", ReidNames.marsFolder("00-1C6T0042F118.jpg"));
    for (String bad : List.of("0001C1T001F001.jpg", "0001c1T0001F001.jpg", "0001C1T0001F001.png", "1C1T0001F001.jpg")) {
      assertTrue(ReidNames.mars(Path.of(bad)).isEmpty(), bad);
    }
  }

  private Path marketWithTrainFiles(String... names) throws IOException {
    Path train = Files.createDirectories(dir.resolve("bounding_box_train"));
    for (String name : names) {
      Files.write(train.resolve(name), new byte[] {1});
    }
    return dir;
  }

  @Test
  void malformedNamesAreSkippedInOneWarningOrFatalWhenStrict() throws IOException {
    marketWithTrainFiles("0001_c1s1_000001_01.jpg", "0001_c2s1_000002_01.jpg", "oops.jpg", "0001-c1.jpg");
    List<String> warnings = new ArrayList<>();
    Market1501 market = Market1501.open(dir, false, warnings::add);
    assertEquals(2, market.train().size());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("skipped 2 files with malformed names in "), warnings.get(0));
    String message = assertThrows(DeepMetricException.class, () -> Market1501.open(dir, true, w -> {})).getMessage();
    assertTrue(message.contains("--strict") && message.contains(".jpg"), message);
  }

  @Test
  void missingAndEmptyFoldersAreNamed() throws IOException {
    String missing = assertThrows(DeepMetricException.class, () -> Market1501.open(dir, false, w -> {})).getMessage();
    assertEquals(dir.resolve("bounding_box_train") + ": folder not found", missing);
    Files.createDirectories(dir.resolve("bounding_box_train"));
    String empty = assertThrows(DeepMetricException.class, () -> Market1501.open(dir, false, w -> {})).getMessage();
    assertEquals(dir.resolve("bounding_box_train") + ": holds no .jpg images", empty);
    String noRoot = assertThrows(DeepMetricException.class,
        () -> Mars.open(dir.resolve("MARS"), false, w -> {})).getMessage();
    assertTrue(noRoot.startsWith(dir.resolve("MARS").toString()), noRoot);
  }

  @Test
  void classesAreTheOriginalsMaxLabelPlusOne() throws IOException {
    marketWithTrainFiles("0001_c1s1_000001_01.jpg", "0007_c2s1_000002_01.jpg");
    assertEquals(1502, Market1501.open(dir, false, w -> {}).numClasses(), "market1501.MAX_LABEL + 1");
    marketWithTrainFiles("1600_c1s1_000003_01.jpg");
    assertEquals(1601, Market1501.open(dir, false, w -> {}).numClasses(), "a larger id still gets its class");
  }
}
