package org.deepmetric.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads event files back by the TFRecord rules, checking both CRCs of every record. */
public final class EventFiles {
  public record Scalar(String tag, long step, float value) {}

  private EventFiles() {}

  public static List<Event> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (in.hasRemaining()) {
      byte[] length = new byte[8];
      in.get(length);
      assertEquals(EventWriter.maskedCrc(length), in.getInt(), "length CRC of record " + events.size());
      long size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
      byte[] data = new byte[(int) size];
      in.get(data);
      assertEquals(EventWriter.maskedCrc(data), in.getInt(), "data CRC of record " + events.size());
      events.add(Event.parseFrom(data));
    }
    return events;
  }

  public static List<Scalar> scalars(Path file) throws IOException {
    List<Scalar> scalars = new ArrayList<>();
    for (Event event : read(file)) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        scalars.add(new Scalar(value.getTag(), event.getStep(), value.getSimpleValue()));
      }
    }
    return scalars;
  }

  /** CRC-32C of "123456789" is 0xE3069283 (RFC 3720); masking follows TensorFlow's crc32c::Mask. */
  public static int expectedMaskedCheck() {
    int crc = 0xE3069283;
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  public static byte[] checkString() {
    return Arrays.copyOf("123456789".getBytes(), 9);
  }
}
