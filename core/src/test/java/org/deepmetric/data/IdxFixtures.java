package org.deepmetric.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small idx-ubyte files for tests, the way the MNIST files are laid out. */
public final class IdxFixtures {
  private IdxFixtures() {}

  public static byte[] idx(int magic, int[] dims, byte[] data) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(magic);
      for (int dim : dims) {
        out.writeInt(dim);
      }
      out.write(data);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] images(int count, int side) {
    byte[] pixels = new byte[count * side * side];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    return idx(0x803, new int[] {count, side, side}, pixels);
  }

  public static byte[] labels(int count) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    return idx(0x801, new int[] {count}, labels);
  }

  public static byte[] gzip(byte[] plain) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(bytes)) {
        out.write(plain);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A complete MNIST-format folder of {@code train} and {@code test} 28x28 digits. */
  public static Path mnistFolder(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(train, 28)));
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(train)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(test, 28));
    Files.write(dir.resolve("t10k-labels.idx1-ubyte"), labels(test));
    return dir;
  }
}
