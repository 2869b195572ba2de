package org.deepmetric.data.video;

import java.awt.image.BufferedImage;

/**
 * Frames in order from a video file, a stream, a camera or a folder of images, each a new
 * {@code TYPE_3BYTE_BGR} image (BGR bytes, as OpenCV and deep_sort hold frames) that the caller
 * owns. Not thread-safe: one reader.
 */
public interface FrameSource extends AutoCloseable {
  /** What the user named: a file, folder, glob, URL or device. */
  String name();

  /** Frame width in pixels. */
  int width();

  /** Frame height in pixels. */
  int height();

  /** Frames per second as the source states it; 0 when it states none (image folders, some streams). */
  double frameRate();

  /** The number of frames the source announces; -1 for streams, cameras and files that do not say. */
  int frameCount();

  /**
   * The next frame, or null at the end. A source that breaks off (a truncated file, a dropped
   * stream) ends early: the frames before the break are returned and {@link #warning()} says why.
   */
  BufferedImage next();

  /** Why the source ended before its announced end, or null when it did not. */
  String warning();

  @Override
  void close();
}
