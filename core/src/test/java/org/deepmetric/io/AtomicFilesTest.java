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
  void aPairIsNeverLeftWithTheOldSecondBesideTheNewFirst() throws IOException {
    Path images = Files.createDirectories(dir.resolve("images"));
    Files.writeString(images.resolve("input_0.bin"), "old image");
    Path labels = Files.createDirectories(dir.resolve("labels"));
    Files.writeString(labels.resolve("input_0.bin"), "old label");
    Path newImages = Files.createDirectories(dir.resolve("staged-images"));
    Files.writeString(newImages.resolve("input_0.bin"), "new image");
    // The second move fails (its staged folder is missing), as a kill between the two would stop it.
    assertThrows(IOException.class,
        () -> AtomicFiles.replacePair(newImages, images, dir.resolve("missing-labels"), labels));
    assertEquals("new image", Files.readString(images.resolve("input_0.bin")));
    assertTrue(Files.notExists(labels), "no old labels beside the new images");

    Path newLabels = Files.createDirectories(dir.resolve("staged-labels"));
    Files.writeString(newLabels.resolve("input_0.bin"), "new label");
    Path newerImages = Files.createDirectories(dir.resolve("staged-images-2"));
    Files.writeString(newerImages.resolve("input_0.bin"), "newer image");
    AtomicFiles.replacePair(newerImages, images, newLabels, labels);
    assertEquals("newer image", Files.readString(images.resolve("input_0.bin")));
    assertEquals("new label", Files.readString(labels.resolve("input_0.bin")));
    assertEquals(List.of("images", "labels"), names(), "the old copies are gone");
  }

  @Test
  void aCompleteWriteReplacesTheFileWhole() throws IOException {
    Path report = Files.writeString(dir.resolve("report.txt"), "previous");
    AtomicFiles.writeString(report, "new");
    assertEquals("new", Files.readString(report));
    assertEquals(List.of("report.txt"), names());
  }
}
