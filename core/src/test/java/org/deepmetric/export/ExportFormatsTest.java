package org.deepmetric.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;
import java.nio.file.attribute.PosixFilePermissions;

/** Files for other tools, read back by their formats' own rules. */
class ExportFormatsTest {
  @TempDir
  Path dir;

  private static final FeatureMatrix FEATURES = new FeatureMatrix(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

  @Test
  void matFilesHoldSingleFeaturesInTheKitsOrientationWithTheImageOrderBeside() throws IOException {
    Path columns = dir.resolve("feat_test.mat");
    Path rows = dir.resolve("rows/feat_test.mat");
    MatFeatures.write(columns, FEATURES, MatFeatures.Layout.COLUMNS, List.of("a.jpg", "b.jpg"));
    MatFeatures.write(rows, FEATURES, MatFeatures.Layout.ROWS, List.of("a.jpg", "b.jpg"));

    byte[] bytes = Files.readAllBytes(columns);
    String text = new String(bytes, 0, 116, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("MATLAB 5.0 MAT-file"), text);
    assertEquals(0x0100, ByteBuffer.wrap(bytes, 124, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    assertEquals("IM", new String(bytes, 126, 2, StandardCharsets.US_ASCII), "little-endian marker");

    try (Mat5File mat = Mat5.readFromFile(columns.toFile())) {
      Matrix m = mat.getMatrix("features");
      assertEquals(3, m.getNumRows());
      assertEquals(2, m.getNumCols());
      assertEquals(4f, m.getFloat(0, 1));
      assertEquals(3f, m.getFloat(2, 0));
    }
    try (Mat5File mat = Mat5.readFromFile(rows.toFile())) {
      Matrix m = mat.getMatrix("features");
      assertEquals(2, m.getNumRows());
      assertEquals(6f, m.getFloat(1, 2));
    }
    assertArrayEquals(FEATURES.values(), MatFeatures.read(columns, 2).values());
    assertArrayEquals(FEATURES.values(), MatFeatures.read(rows, 2).values());
    assertEquals(List.of("a.jpg", "b.jpg"), Files.readAllLines(dir.resolve("feat_test_images.txt")));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(columns)));
  }

  @Test
  void npyFilesFollowFormatVersionOne() throws IOException {
    Path file = dir.resolve("MOT16-02.npy");
    float[] values = new float[3 * 138];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f;
    }
    Npy.writeFloat32(file, values, 3, 138);
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
    int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    assertEquals(0, (10 + headerLength) % 64, "data starts on a 64-byte boundary");
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 138), }"), header);
    assertTrue(header.endsWith("\n"));
    assertEquals(10 + headerLength + values.length * 4, bytes.length);
    ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, values.length * 4).slice().order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0.5f, data.getFloat(4));
    assertEquals(values[200], data.getFloat(200 * 4));
    Npy.Matrix back = Npy.read(file);
    assertEquals(3, back.rows());
    assertEquals(138, back.cols());
    assertArrayEquals(values, back.values());
  }

  /** A float64 file as NumPy writes by default, version 1.0, made byte by byte. */
  @Test
  void npyFloat64FilesAreReadAndBrokenOnesNamed() throws IOException {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
    ByteBuffer bytes = ByteBuffer.allocate(10 + header.length() + 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 6; i++) {
      bytes.putDouble(i + 0.25);
    }
    Path file = Files.write(dir.resolve("f8.npy"), bytes.array());
    Npy.Matrix read = Npy.read(file);
    assertArrayEquals(new float[] {0.25f, 1.25f, 2.25f, 3.25f, 4.25f, 5.25f}, read.values());
    String message = org.junit.jupiter.api.Assertions.assertThrows(org.deepmetric.DeepMetricException.class,
        () -> Npy.read(Files.write(dir.resolve("short.npy"), Arrays.copyOf(bytes.array(), 70)))).getMessage();
    assertTrue(message.contains("short.npy") && message.contains("truncated"), message);
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(org.deepmetric.DeepMetricException.class,
        () -> Npy.read(Files.writeString(dir.resolve("text.npy"), "not numpy at all"))).getMessage()
        .contains("not a NumPy .npy file"));
  }
}
