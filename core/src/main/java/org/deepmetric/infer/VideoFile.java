package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.AtomicFiles;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * An H.264 MP4 of frames, encoded in pure Java by JCodec, written beside the target and renamed
 * into place when complete. H.264 wants even sizes: odd widths and heights lose a column or row.
 */
public final class VideoFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final AWTSequenceEncoder encoder;
  private boolean finished;

  public VideoFile(Path target, int framesPerSecond) {
    this.target = target;
    try {
      this.temp = AtomicFiles.tempFileBeside(target);
      this.encoder = AWTSequenceEncoder.createSequenceEncoder(temp.toFile(), framesPerSecond);
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  public void add(BufferedImage frame) {
    BufferedImage even = frame.getWidth() % 2 == 0 && frame.getHeight() % 2 == 0 ? frame
        : frame.getSubimage(0, 0, frame.getWidth() & ~1, frame.getHeight() & ~1);
    try {
      encoder.encodeImage(even);
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Completes the file and puts it in place. */
  public void finish() {
    try {
      encoder.finish();
      AtomicFiles.moveInto(temp, target);
      finished = true;
    } catch (IOException e) {
      throw new DeepMetricException(target + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Drops an unfinished file. */
  @Override
  public void close() {
    if (!finished) {
      AtomicFiles.deleteQuietly(temp);
    }
  }
}
