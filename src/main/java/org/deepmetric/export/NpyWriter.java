package org.deepmetric.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.deepmetric.io.AtomicFiles;

/**
 * NumPy's .npy format, version 1.0: the magic {@code \x93NUMPY}, version bytes 1 0, a
 * little-endian uint16 header length, a Python-literal header padded with spaces to a multiple
 * of 64 bytes and ended by a newline, then the raw little-endian values in C order.
 */
public final class NpyWriter {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final int ALIGNMENT = 64;

  private NpyWriter() {}

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
