package org.deepmetric.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;

/**
 * Writes files so that readers see either the old content or the whole new one: the bytes go
 * to a temporary file beside the target, which is then renamed over it. A full disk or a kill
 * leaves at most a stray {@code .tmp} file, never a half-written output.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, Content content) {
    Path parent = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = tempFileBeside(target);
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.writeTo(out);
      }
      moveInto(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A hidden temporary file in {@code target}'s folder, readable like any other output
   * (createTempFile makes it owner-only, which would carry over to the renamed result).
   */
  public static Path tempFileBeside(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
    if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return temp;
  }

  /** Renames {@code source} onto {@code target} atomically where the file system can. */
  public static void moveInto(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Puts two staged outputs in place where the second only makes sense beside the first (labels
   * beside their images, an image list beside its feature matrix). The old second is taken away
   * before the first is replaced and the new second comes last, so a kill at any moment leaves
   * the old pair, the new pair, or a first without its second, never a second beside the wrong
   * first. Either staged path may be a file or a folder. A failure before the first is replaced
   * puts the old pair back; the hidden copies a kill may leave start with {@code .NAME.old-}.
   */
  public static void replacePair(Path stagedFirst, Path first, Path stagedSecond, Path second) throws IOException {
    Path oldSecond = moveAside(second);
    Path oldFirst = Files.isDirectory(first) ? moveAside(first) : null;
    boolean firstReplaced = false;
    try {
      moveInto(stagedFirst, first);
      firstReplaced = true;
      moveInto(stagedSecond, second);
    } catch (IOException e) {
      if (!firstReplaced) {
        if (oldFirst != null) {
          Files.move(oldFirst, first);
          oldFirst = null;
        }
        if (oldSecond != null) {
          Files.move(oldSecond, second);
          oldSecond = null;
        }
      }
      throw e;
    } finally {
      deleteTree(oldFirst);
      deleteTree(oldSecond);
    }
  }

  /** Renames {@code path}, if it exists, to a hidden sibling that the caller deletes; returns it or null. */
  private static Path moveAside(Path path) throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    Path aside = path.resolveSibling("." + path.getFileName() + ".old-" + System.nanoTime());
    Files.move(path, aside);
    return aside;
  }

  public static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Cleanup after a failure that is already being reported.
    }
  }

  /** Removes a folder and everything in it, quietly: used for staging leftovers only. */
  public static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
    } catch (IOException ignored) {
      // A staging leftover; the real output is already complete or untouched.
    }
  }
}
