package org.deepmetric.data.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;

/**
 * The JPEG and PNG images of a folder ({@code frames/}) or a glob ({@code frames/*.jpg}), in name
 * order (zero-padded numbers, as MOTChallenge's {@code img1/}, sort right). No frame rate.
 */
public final class ImageFolderSource implements FrameSource {
  private final String name;
  private final List<Path> files;
  private final int width;
  private final int height;
  private BufferedImage first;
  private int position;

  private ImageFolderSource(String name, List<Path> files) {
    this.name = name;
    this.files = files;
    this.first = Frames.bgr(Images.read(files.get(0)));
    this.width = first.getWidth();
    this.height = first.getHeight();
  }

  static boolean isGlob(String source) {
    return source.contains("*") || source.contains("?") || source.contains("[");
  }

  /** Opens a folder or a glob over one folder's files; no image at all is an error naming the source. */
  public static ImageFolderSource open(String source) {
    Path folder;
    PathMatcher matcher;
    if (isGlob(source)) {
      Path pattern = Path.of(source);
      folder = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
      if (isGlob(folder.toString())) {
        throw new DeepMetricException(source + ": a glob may only name files of one folder (frames/*.jpg)");
      }
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
    } else {
      folder = Path.of(source);
      matcher = p -> true;
    }
    if (!Files.isDirectory(folder)) {
      throw new DeepMetricException(folder + ": folder not found");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> matcher.matches(p.getFileName()) && isImage(p) && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new DeepMetricException(folder + ": cannot list (" + e.getMessage() + ")", e);
    }
    if (files.isEmpty()) {
      throw new DeepMetricException(source + ": no .jpg or .png images");
    }
    return new ImageFolderSource(source, files);
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public double frameRate() {
    return 0;
  }

  @Override
  public int frameCount() {
    return files.size();
  }

  @Override
  public BufferedImage next() {
    if (position >= files.size()) {
      return null;
    }
    Path file = files.get(position++);
    if (first != null) {
      BufferedImage image = first;
      first = null;
      return image;
    }
    BufferedImage image = Frames.bgr(Images.read(file));
    if (image.getWidth() != width || image.getHeight() != height) {
      throw new DeepMetricException(file + ": " + image.getWidth() + " x " + image.getHeight()
          + ", but the first image is " + width + " x " + height + "; a sequence has one frame size");
    }
    return image;
  }

  @Override
  public String warning() {
    return null;
  }

  @Override
  public void close() {
    // Each image is read whole when it is needed: nothing stays open.
  }
}
