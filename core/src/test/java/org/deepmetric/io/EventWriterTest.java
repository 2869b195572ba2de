package org.deepmetric.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class EventWriterTest {
  @TempDir
  Path dir;

  @Test
  void maskedCrcMatchesTheStandardCheckValue() {
    assertEquals(EventFiles.expectedMaskedCheck(), EventWriter.maskedCrc(EventFiles.checkString()));
  }

  @Test
  void writesAVersionRecordThenScalars() throws IOException {
    Path file;
    try (EventWriter writer = new EventWriter(dir.resolve("train"))) {
      writer.scalar("train/loss", 10, 0.25);
      writer.scalar("train/loss", 20, 0.125);
      file = writer.file();
    }
    assertTrue(file.getFileName().toString().startsWith("events.out.tfevents."));
    List<Event> events = EventFiles.read(file);
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    assertEquals(List.of(new EventFiles.Scalar("train/loss", 10, 0.25f), new EventFiles.Scalar("train/loss", 20, 0.125f)),
        EventFiles.scalars(file));
  }

  @Test
  void twoWritersInOneSecondGetTwoFiles() {
    try (EventWriter a = new EventWriter(dir); EventWriter b = new EventWriter(dir)) {
      assertTrue(!a.file().equals(b.file()));
    }
  }
}
