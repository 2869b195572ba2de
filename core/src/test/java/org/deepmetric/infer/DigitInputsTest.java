package org.deepmetric.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.DigitSet;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.io.BinFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.awt.Graphics2D;

class DigitInputsTest {
  private static final DigitSet TEST = MnistDataset.bundledSample().test();

  @TempDir
  Path dir;

  private static float[] pixels(int index) {
    float[] out = new float[784];
    TEST.copyScaled(index, out, 0);
    return out;
  }

  @Test
  void binFilesRoundTripInTheSeedsByteLayout() throws IOException {
    BinFiles.write(dir, 25, TEST::scaled, i -> TEST.labels()[i], TEST.numClasses());
    Path image = dir.resolve("images/input_3.bin");
    Path label = dir.resolve("labels/input_3.bin");
    assertEquals(3136, Files.size(image));
    assertEquals(80, Files.size(label));
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(image)).order(ByteOrder.LITTLE_ENDIAN);
    float[] expected = pixels(3);
    assertEquals(expected[400], bytes.getFloat(400 * 4));
    ByteBuffer oneHot = ByteBuffer.wrap(Files.readAllBytes(label)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1.0, oneHot.getDouble(TEST.labels()[3] * 8));

    List<DigitInput> inputs = DigitInputs.read(dir);
    assertEquals(25, inputs.size());
    for (int i = 0; i < 25; i++) {
      assertEquals("images/input_" + i + ".bin", inputs.get(i).name(), "numeric order, not 0, 1, 10, 11");
      assertArrayEquals(pixels(i), inputs.get(i).pixels());
      assertEquals(TEST.labels()[i], inputs.get(i).label());
    }
  }

  @Test
  void rewritingReplacesTheWholeEarlierOutput() throws IOException {
    BinFiles.write(dir, 30, TEST::scaled, i -> TEST.labels()[i], TEST.numClasses());
    BinFiles.write(dir, 10, TEST::scaled, i -> TEST.labels()[i], TEST.numClasses());
    try (Stream<Path> files = Files.list(dir.resolve("images"))) {
      assertEquals(10, files.count());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("images", "labels"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aWrongSizedBinFileIsNamed() throws IOException {
    BinFiles.write(dir, 3, TEST::scaled, i -> TEST.labels()[i], TEST.numClasses());
    Path broken = dir.resolve("images/input_1.bin");
    Files.write(broken, new byte[100]);
    String message = assertThrows(DeepMetricException.class, () -> DigitInputs.read(dir)).getMessage();
    assertTrue(message.startsWith(broken.toString()) && message.contains("expected 3136"), message);
  }

  @Test
  void aLabelThatIsNotOneHotIsNamed() throws IOException {
    BinFiles.write(dir, 3, TEST::scaled, i -> TEST.labels()[i], TEST.numClasses());
    Path label = dir.resolve("labels/input_2.bin");
    Files.write(label, ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).putDouble(0.5).array());
    String message = assertThrows(DeepMetricException.class, () -> DigitInputs.read(dir)).getMessage();
    assertTrue(message.startsWith(label.toString()) && message.contains("one-hot"), message);
  }

  private static BufferedImage picture(int index, boolean darkOnLight) {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    float[] values = pixels(index);
    for (int i = 0; i < 784; i++) {
      int grey = Math.round(values[i] * 255);
      if (darkOnLight) {
        grey = 255 - grey;
      }
      image.setRGB(i % 28, i / 28, grey << 16 | grey << 8 | grey);
    }
    return image;
  }

  @Test
  void picturesBecomeMnistDigitsWithLabelsFromTheirFolder() throws IOException {
    Path seven = Files.createDirectories(dir.resolve(String.valueOf(TEST.labels()[0])));
    ImageIO.write(picture(0, false), "png", seven.resolve("light-on-dark.png").toFile());
    ImageIO.write(picture(0, true), "png", dir.resolve("dark-on-light.png").toFile());
    List<DigitInput> inputs = DigitInputs.read(dir);
    assertEquals(2, inputs.size());
    DigitInput unlabelled = inputs.stream().filter(i -> i.name().equals("dark-on-light.png")).findFirst().orElseThrow();
    DigitInput labelled = inputs.stream().filter(i -> i.name().endsWith("light-on-dark.png")).findFirst().orElseThrow();
    assertEquals(-1, unlabelled.label());
    assertEquals(TEST.labels()[0], labelled.label());
    assertArrayEquals(pixels(0), labelled.pixels(), 1e-6f);
    assertArrayEquals(pixels(0), unlabelled.pixels(), 1e-6f);
  }

  @Test
  void largerPicturesAreScaledDown() throws IOException {
    BufferedImage big = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = big.createGraphics();
    g.drawImage(picture(5, false), 0, 0, 112, 112, null);
    g.dispose();
    ImageIO.write(big, "jpg", dir.resolve("big.jpg").toFile());
    float[] pixels = DigitInputs.read(dir).get(0).pixels();
    double error = 0;
    float[] expected = pixels(5);
    for (int i = 0; i < 784; i++) {
      error += Math.abs(pixels[i] - expected[i]);
    }
    assertTrue(error / 784 < 0.08, "mean absolute difference " + error / 784);
  }

  @Test
  void anEmptyFolderIsAnError() {
    String message = assertThrows(DeepMetricException.class, () -> DigitInputs.read(dir)).getMessage();
    assertTrue(message.contains("no images/input_<i>.bin files"), message);
  }
}
