package org.deepmetric.data.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Opens what {@code track --source} names: a folder or glob of images, a camera ({@code /dev/videoN}
 * or its index N), a stream URL ({@code rtsp://}, {@code http://} ...) or a video file.
 */
public final class FrameSources {
  private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  private static final Pattern CAMERA_INDEX = Pattern.compile("\\d{1,2}");

  private FrameSources() {}

  public static FrameSource open(String source) {
    if (CAMERA_INDEX.matcher(source).matches()) {
      return VideoSource.camera("/dev/video" + source);
    }
    if (source.startsWith("/dev/video")) {
      return VideoSource.camera(source);
    }
    if (URL.matcher(source).matches()) {
      return VideoSource.stream(source);
    }
    if (ImageFolderSource.isGlob(source) || Files.isDirectory(Path.of(source))) {
      return ImageFolderSource.open(source);
    }
    return VideoSource.file(Path.of(source));
  }

  /** A name for the source's sequence: the file or folder name without extension, or "stream"/"camera". */
  public static String sequenceName(String source) {
    if (CAMERA_INDEX.matcher(source).matches() || source.startsWith("/dev/video")) {
      return "camera";
    }
    if (URL.matcher(source).matches()) {
      return "stream";
    }
    String cleaned = ImageFolderSource.isGlob(source) ? Path.of(source).getParent() == null ? "frames"
        : Path.of(source).getParent().getFileName().toString() : Path.of(source).normalize().getFileName().toString();
    int dot = cleaned.lastIndexOf('.');
    String name = dot > 0 ? cleaned.substring(0, dot) : cleaned;
    return name.isBlank() ? "video" : name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
