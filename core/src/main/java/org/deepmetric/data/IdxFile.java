package org.deepmetric.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.deepmetric.DeepMetricException;
import java.util.zip.ZipException;

/**
 * An idx-ubyte file (the MNIST format): a big-endian magic number 0x00000800 + rank, one 32-bit
 * size per dimension, then the unsigned bytes in row-major order. Plain or gzip-compressed.
 */
public final class IdxFile {
  private static final int UNSIGNED_BYTE_TYPE = 0x08;
  private static final int GZIP_MAGIC = 0x1f8b;

  private final Path source;
  private final int[] dims;
  private final byte[] data;

  private IdxFile(Path source, int[] dims, byte[] data) {
    this.source = source;
    this.dims = dims;
    this.data = data;
  }

  /** Reads the file named by {@code path} from disk. */
  public static IdxFile read(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path);
    } catch (NoSuchFileException e) {
      throw new DeepMetricException(path + ": file not found");
    } catch (IOException e) {
      throw new DeepMetricException(path + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** Reads an idx stream; {@code name} is what error messages call it. */
  public static IdxFile read(InputStream raw, Path name) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    InputStream in = ((first << 8) | second) == GZIP_MAGIC ? new GZIPInputStream(buffered) : buffered;
    DataInputStream stream = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    try {
      int magic = stream.readInt();
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE_TYPE || rank < 1 || rank > 4) {
        throw new DeepMetricException(String.format(
            "%s: not an idx-ubyte file (magic number 0x%08x, expected 0x0000080N)", name, magic));
      }
      int[] dims = new int[rank];
      long size = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = stream.readInt();
        if (dims[i] < 0) {
          throw new DeepMetricException(name + ": dimension " + i + " has negative size " + dims[i]);
        }
        size *= dims[i];
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new DeepMetricException(name + ": " + size + " values is too large for one array");
      }
      byte[] data = new byte[(int) size];
      int read = stream.readNBytes(data, 0, data.length);
      if (read < data.length) {
        throw new DeepMetricException(String.format(
            "%s: truncated: header %s promises %d bytes of data but the file holds %d",
            name, Arrays.toString(dims), data.length, read));
      }
      if (stream.read() != -1) {
        throw new DeepMetricException(String.format(
            "%s: has bytes after the %d that header %s describes", name, data.length, Arrays.toString(dims)));
      }
      return new IdxFile(name, dims, data);
    } catch (EOFException e) {
      throw new DeepMetricException(name + ": truncated inside the header", e);
    } catch (ZipException e) {
      throw new DeepMetricException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
    }
  }

  public Path source() {
    return source;
  }

  public int[] dims() {
    return dims.clone();
  }

  /** The raw unsigned bytes, row-major; shared, not copied. */
  public byte[] data() {
    return data;
  }
}
