package org.deepmetric.data.reid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticCustom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deepmetric.data.Images;

/** Both custom layouts on small generated datasets, and the crops they load into. */
class CustomDatasetTest {
  @TempDir
  Path dir;

  private static void image(Path file, int width, int height, Color color) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ImageIO.write(image, file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
  }

  @Test
  void theFolderLayoutReadsNamesCamerasAndMixedSizes() throws IOException {
    Path root = dir.resolve("walkers");
    SyntheticCustom.write(root, new SynthOptions(8, 3, 0, 0, 2));
    // One identity with a single image, seen by a camera sub-folder instead of a c<N> name.
    image(root.resolve("train/zz-lonely/cam_b/only.png"), 30, 70, Color.RED);
    Files.writeString(root.resolve("train/walker-001/notes.txt"), "not an image");
    List<String> warnings = new ArrayList<>();
    CustomDataset data = CustomDataset.open(root, false, warnings::add);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("(first: walker-001/notes.txt)"), warnings.get(0));
    List<String> names = data.identityNames();
    assertEquals("walker-001", names.get(0));
    assertEquals("zz-lonely", names.get(4), "training identities take labels 0..T-1 in name order");
    assertEquals(5, data.numClasses());
    PersonImage lonely = data.train().stream().filter(i -> i.personId() == 4).findFirst().orElseThrow();
    assertEquals(1, lonely.camera(), "the first camera sub-folder");
    assertTrue(data.train().stream().filter(i -> i.personId() < 4).allMatch(i -> i.camera() >= 1 && i.camera() <= 3));
    assertTrue(data.query().stream().allMatch(i -> i.personId() >= 5), "test identities follow the training ones");
    assertTrue(data.camerasKnown());
    Set<Integer> widths = data.train().stream().map(i -> Images.read(i.file()).getWidth())
        .collect(Collectors.toSet());
    assertTrue(widths.size() > 3, "mixed sizes: " + widths);
    try (CropLoader loader = new CropLoader(2)) {
      ReidBatch batch = loader.load(data.train().subList(0, 6), null, new ImageShape(96, 48));
      assertEquals(6 * 96 * 48 * 3, batch.images().length);
    }
  }

  @Test
  void theCsvLayoutReadsQuotedPathsAndNamesBadRows() throws IOException {
    Path images = dir.resolve("images");
    image(images.resolve("a, front.jpg"), 40, 80, Color.BLUE);
    image(images.resolve("a2.jpg"), 64, 128, Color.BLUE);
    image(images.resolve("b1.jpg"), 50, 90, Color.GREEN);
    image(images.resolve("b2.jpg"), 50, 90, Color.GREEN);
    Path csv = dir.resolve("list.csv");
    Files.writeString(csv, """
        path,identity,camera,split
        "images/a, front.jpg",truck A,1,train
        images/a2.jpg,truck A,,query
        images/b1.jpg,van B,,train
        images/b2.jpg,van B,,gallery
        """);
    CustomDataset data = CustomDataset.open(csv, true, w -> { });
    assertEquals(List.of("truck A", "van B"), data.identityNames());
    assertEquals(List.of(0, 1), data.train().stream().map(PersonImage::personId).toList());
    assertEquals(Relevance.UNKNOWN_CAMERA, data.query().get(0).camera());
    assertEquals(images.resolve("a, front.jpg"), data.train().get(0).file());

    Files.writeString(csv, "path,identity,camera,split\nimages/a2.jpg,truck A,-2,train\n");
    String message = assertThrows(DeepMetricException.class, () -> CustomDataset.open(csv, true, w -> { })).getMessage();
    assertEquals(csv + ":2: camera must be a number from 1 (or empty when unknown), got '-2'", message);
    Files.writeString(csv, "path,identity,camera,split\nimages/missing.jpg,truck A,1,train\n");
    assertTrue(assertThrows(DeepMetricException.class, () -> CustomDataset.open(csv, true, w -> { })).getMessage()
        .contains("missing.jpg not found"));
    Files.writeString(csv, "file,who\nimages/a2.jpg,truck A\n");
    assertTrue(assertThrows(DeepMetricException.class, () -> CustomDataset.open(csv, true, w -> { })).getMessage()
        .contains("the header must name path,identity,camera,split"));
    Files.writeString(csv, "path,identity,camera,split\nimages/a2.jpg,truck A,1,validation\n");
    assertTrue(assertThrows(DeepMetricException.class, () -> CustomDataset.open(csv, true, w -> { })).getMessage()
        .contains("split must be train, query or gallery"));
  }

  @Test
  void withoutCamerasEveryImageOfTheIdentityIsAMatch() {
    assertEquals(Relevance.GOOD, Relevance.of(3, Relevance.UNKNOWN_CAMERA, 3, Relevance.UNKNOWN_CAMERA));
    assertEquals(Relevance.JUNK, Relevance.of(3, 2, 3, 2));
    assertFalse(CustomDataset.cameraOf("front.png").isPresent());
    assertEquals(12, CustomDataset.cameraOf("bus_c12_0001.png").orElseThrow());
    assertEquals(2, CustomDataset.cameraOf("c2.jpg").orElseThrow());
  }

  @Test
  void theLabelsAreKeptWithTheRunAndAChangedDatasetIsRefused() throws IOException {
    Path root = dir.resolve("walkers");
    SyntheticCustom.write(root, new SynthOptions(6, 2, 0, 0, 3));
    Path run = Files.createDirectories(dir.resolve("run"));
    CustomDataset.open(root, true, w -> { }).recordLabels(run);
    List<String> lines = Files.readAllLines(run.resolve(CustomDataset.LABELS_FILE));
    assertEquals("label,identity", lines.get(0));
    assertEquals("0,walker-001", lines.get(1));
    CustomDataset.open(root, true, w -> { }).recordLabels(run);
    image(root.resolve("train/walker-000/new.png"), 20, 40, Color.BLACK);
    String message = assertThrows(DeepMetricException.class,
        () -> CustomDataset.open(root, true, w -> { }).recordLabels(run)).getMessage();
    assertTrue(message.contains("trained on other identities"), message);
  }
}
