package org.deepmetric.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryOne() throws IOException {
    Path report = Files.writeString(dir.resolve("report.txt"), "previous");
    String message = assertThrows(DeepMetricException.class, () -> AtomicFiles.write(report, out -> {
      out.write("half of the new".getBytes());
      throw new IOException("No space left on device");
    })).getMessage();
    assertEquals(report + ": cannot write (No space left on device)", message);
    assertEquals("previous", Files.readString(report));
    assertEquals(List.of("report.txt"), names());
  }

  @Test
  void anImpossibleTargetIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path target = file.resolve("model.pb");
    String message = assertThrows(DeepMetricException.class, () -> AtomicFiles.writeString(target, "graph")).getMessage();
    assertTrue(message.startsWith(target + ": cannot write"), message);
  }

  @Test
  void aCompleteWriteReplacesTheFileWhole() throws IOException {
    Path report = Files.writeString(dir.resolve("report.txt"), "previous");
    AtomicFiles.writeString(report, "new");
    assertEquals("new", Files.readString(report));
    assertEquals(List.of("report.txt"), names());
  }
}
