package org.deepmetric.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format, read and written here for 2-D float matrices: the magic
 * {@code \x93NUMPY}, version bytes (1 0 written; 1, 2 and 3 read), a little-endian header
 * length (uint16, or uint32 from version 2), a Python-literal header padded with spaces and ended
 * by a newline, then the raw values in C order. Reading takes little-endian float32 or float64.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private Npy() {}

  /** A float32 matrix read from a file: {@code rows} x {@code cols}, row-major. */
  public record Matrix(float[] values, int rows, int cols) {}

  /** Reads a 2-D float32 or float64 .npy file (float64 narrowed to float32). */
  public static Matrix read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new org.deepmetric.DeepMetricException(file + ": file not found");
    } catch (IOException e) {
      throw new org.deepmetric.DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), Arrays.copyOf(MAGIC, 6))) {
      throw new org.deepmetric.DeepMetricException(file + ": not a NumPy .npy file");
    }
    int major = bytes[6];
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = major == 1 ? buffer.getShort(8) & 0xffff : buffer.getInt(8);
    int dataStart = (major == 1 ? 10 : 12) + headerLength;
    if (headerLength < 0 || dataStart > bytes.length) {
      throw new org.deepmetric.DeepMetricException(file + ": truncated .npy header");
    }
    String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
    Matcher descr = Pattern.compile("'descr':\\s*'([<>|=]?)(f4|f8)'").matcher(header);
    Matcher shape = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),?\\)").matcher(header);
    if (!descr.find() || descr.group(1).equals(">") || !shape.find() || header.contains("'fortran_order': True")) {
      throw new org.deepmetric.DeepMetricException(file + ": not a 2-D little-endian float32/float64 C-order array ("
          + header.trim() + ")");
    }
    int rows = Integer.parseInt(shape.group(1));
    int cols = Integer.parseInt(shape.group(2));
    int width = descr.group(2).equals("f4") ? 4 : 8;
    long expected = (long) rows * cols * width;
    if (bytes.length - dataStart != expected) {
      throw new org.deepmetric.DeepMetricException(String.format(Locale.ROOT,
          "%s: %d data bytes for a %d x %d array of %d-byte values (%d expected): truncated or padded", file,
          bytes.length - dataStart, rows, cols, width, expected));
    }
    float[] values = new float[rows * cols];
    buffer.position(dataStart);
    for (int i = 0; i < values.length; i++) {
      values[i] = width == 4 ? buffer.getFloat() : (float) buffer.getDouble();
    }
    return new Matrix(values, rows, cols);
  }

  /** Writes a float32 matrix of {@code rows} x {@code cols}. */
  public static void writeFloat32(Path file, float[] values, int rows, int cols) {
    if (values.length != (long) rows * cols) {
      throw new IllegalArgumentException(values.length + " values are not " + rows + " x " + cols);
    }
    AtomicFiles.write(file, bytes(values, rows, cols));
  }

  static byte[] bytes(float[] values, int rows, int cols) {
    String dict = String.format(Locale.ROOT, "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols);
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String header = dict + " ".repeat(padding) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 2 + header.length() + values.length * 4);
    out.writeBytes(MAGIC);
    out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    out.writeBytes(data.array());
    return out.toByteArray();
  }
}
