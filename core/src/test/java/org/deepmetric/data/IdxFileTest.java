package org.deepmetric.data;

import static org.deepmetric.data.IdxFixtures.gzip;
import static org.deepmetric.data.IdxFixtures.idx;
import static org.deepmetric.data.IdxFixtures.images;
import static org.deepmetric.data.IdxFixtures.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deepmetric.DeepMetricException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir
  Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private String errorReading(byte[] bytes) throws IOException {
    Path file = write("bad-idx3-ubyte", bytes);
    String message = assertThrows(DeepMetricException.class, () -> IdxFile.read(file)).getMessage();
    assertTrue(message.startsWith(file.toString()), "message names the file: " + message);
    return message;
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    IdxFile plain = IdxFile.read(write("a", images(3, 28)));
    IdxFile zipped = IdxFile.read(write("b.gz", gzip(images(3, 28))));
    assertArrayEquals(new int[] {3, 28, 28}, plain.dims());
    assertArrayEquals(plain.data(), zipped.data());
    assertEquals((byte) 7, plain.data()[1]);
  }

  @Test
  void rejectsWrongMagicNumber() throws IOException {
    assertTrue(errorReading(idx(0x0d03, new int[] {1, 28, 28}, new byte[784])).contains("magic number 0x00000d03"));
    assertTrue(errorReading("not an idx file at all".getBytes()).contains("not an idx-ubyte file"));
  }

  @Test
  void rejectsTruncatedData() throws IOException {
    byte[] whole = images(2, 28);
    String message = errorReading(Arrays.copyOf(whole, whole.length - 10));
    assertTrue(message.contains("truncated") && message.contains("1568") && message.contains("1558"), message);
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    assertTrue(errorReading(Arrays.copyOf(images(2, 28), 9)).contains("truncated inside the header"));
  }

  @Test
  void rejectsTrailingBytes() throws IOException {
    byte[] whole = images(1, 28);
    assertTrue(errorReading(Arrays.copyOf(whole, whole.length + 3)).contains("bytes after"));
  }

  @Test
  void rejectsCorruptGzip() throws IOException {
    byte[] zipped = gzip(images(50, 28));
    Arrays.fill(zipped, 20, 60, (byte) 0x55);
    assertTrue(errorReading(zipped).contains("corrupt gzip"));
  }

  @Test
  void pairRejectsSwappedFiles() throws IOException {
    IdxFile imageFile = IdxFile.read(write("images", images(4, 28)));
    IdxFile labelFile = IdxFile.read(write("labels", labels(4)));
    String message = assertThrows(DeepMetricException.class, () -> MnistDataset.pair(labelFile, imageFile)).getMessage();
    assertTrue(message.contains("a labels file?"), message);
  }

  @Test
  void pairRejectsCountMismatch() throws IOException {
    IdxFile imageFile = IdxFile.read(write("images", images(4, 28)));
    IdxFile labelFile = IdxFile.read(write("labels", labels(5)));
    String message = assertThrows(DeepMetricException.class, () -> MnistDataset.pair(imageFile, labelFile)).getMessage();
    assertTrue(message.contains("4 images") && message.contains("5 labels"), message);
  }

  @Test
  void pairRejectsLabelsOutOfRange() throws IOException {
    IdxFile imageFile = IdxFile.read(write("images", images(2, 28)));
    IdxFile labelFile = IdxFile.read(write("labels", idx(0x801, new int[] {2}, new byte[] {3, 11})));
    String message = assertThrows(DeepMetricException.class, () -> MnistDataset.pair(imageFile, labelFile)).getMessage();
    assertTrue(message.contains("label 11 at index 1"), message);
  }

  @Test
  void pairRejectsWrongImageSize() throws IOException {
    IdxFile imageFile = IdxFile.read(write("images", images(2, 32)));
    IdxFile labelFile = IdxFile.read(write("labels", labels(2)));
    String message = assertThrows(DeepMetricException.class, () -> MnistDataset.pair(imageFile, labelFile)).getMessage();
    assertTrue(message.contains("32x32"), message);
  }
}
