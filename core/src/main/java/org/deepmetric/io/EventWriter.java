package org.deepmetric.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.deepmetric.DeepMetricException;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A TensorBoard event file ({@code events.out.tfevents.TIME.HOST}): {@code Event} protocol
 * buffers in TFRecord framing, each record being its length (uint64, little-endian), the masked
 * CRC-32C of that length, the bytes, and their masked CRC-32C.
 */
public final class EventWriter implements AutoCloseable {
  private static final int MASK_DELTA = 0xa282ead8;

  private final Path file;
  private final OutputStream out;

  public EventWriter(Path dir) {
    try {
      Files.createDirectories(dir);
      long now = System.currentTimeMillis();
      file = uniqueFile(dir, now / 1000);
      out = new BufferedOutputStream(Files.newOutputStream(file));
      write(Event.newBuilder().setWallTime(now / 1000.0).setFileVersion("brain.Event:2").build());
      out.flush();
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot create a TensorBoard event file (" + e.getMessage() + ")", e);
    }
  }

  public Path file() {
    return file;
  }

  /** Records {@code value} of the scalar {@code tag} at {@code step}. */
  public void scalar(String tag, long step, double value) {
    Summary summary = Summary.newBuilder()
        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value)).build();
    write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step).setSummary(summary).build());
  }

  /** Makes what was written visible to TensorBoard. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  private void write(Event event) {
    byte[] data = event.toByteArray();
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    try {
      out.write(length);
      out.write(intBytes(maskedCrc(length)));
      out.write(data);
      out.write(intBytes(maskedCrc(data)));
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** TFRecord's masked CRC-32C: rotate right by 15 bits, then add a constant. */
  public static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }

  private static byte[] intBytes(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static Path uniqueFile(Path dir, long seconds) throws IOException {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    Path candidate = dir.resolve("events.out.tfevents." + seconds + "." + host);
    for (int n = 1; Files.exists(candidate); n++) {
      candidate = dir.resolve("events.out.tfevents." + seconds + "." + host + "." + n);
    }
    return candidate;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }
}
