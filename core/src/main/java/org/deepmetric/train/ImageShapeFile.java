package org.deepmetric.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.io.AtomicFiles;

/**
 * The crop shape a run trains on, kept in its folder as {@code image_shape.txt} ("H,W"), so that
 * eval, export and freeze rebuild the same network without being told again.
 */
public final class ImageShapeFile {
  public static final String NAME = "image_shape.txt";

  private ImageShapeFile() {}

  /** Writes the shape, or checks it against the one the run was started with. */
  public static void record(Path runDir, ImageShape shape) {
    Optional<ImageShape> saved = read(runDir);
    if (saved.isPresent() && !saved.get().equals(shape)) {
      throw new DeepMetricException(runDir.resolve(NAME) + ": this run trains on " + saved.get()
          + " crops, not " + shape + "; use a new --run_id");
    }
    if (saved.isEmpty()) {
      AtomicFiles.writeString(runDir.resolve(NAME), shape + "\n");
    }
  }

  /** The shape a run was trained on, if it says. */
  public static Optional<ImageShape> read(Path runDir) {
    Path file = runDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageShape.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    } catch (DeepMetricException e) {
      throw new DeepMetricException(file + ": " + e.getMessage(), e);
    }
  }
}
