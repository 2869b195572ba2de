package org.deepmetric.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.MatFiles;
import org.deepmetric.io.AtomicFiles;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import java.util.Locale;

/**
 * Features for the datasets' MATLAB evaluation kits: variable {@code features}, single precision,
 * in a MAT 5 file, with the image names in the same order in a text file beside it. The two are
 * put in place as a pair, so a kill never leaves a name list beside features it does not describe.
 */
public final class MatFeatures {
  /** One column per image (128 x N), what the kits compute with, or one row per image as the original wrote. */
  public enum Layout {
    COLUMNS, ROWS;

    /** The spelling of {@code --mat_layout}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String VARIABLE = "features";

  private MatFeatures() {}

  public static void write(Path file, FeatureMatrix features, Layout layout, List<String> imageNames) {
    if (imageNames.size() != features.count()) {
      throw new IllegalArgumentException(imageNames.size() + " names for " + features.count() + " features");
    }
    boolean columns = layout == Layout.COLUMNS;
    Matrix matrix = Mat5.newMatrix(columns ? features.dim() : features.count(),
        columns ? features.count() : features.dim(), MatlabType.Single);
    for (int image = 0; image < features.count(); image++) {
      for (int k = 0; k < features.dim(); k++) {
        if (columns) {
          matrix.setFloat(k, image, features.get(image, k));
        } else {
          matrix.setFloat(image, k, features.get(image, k));
        }
      }
    }
    Path tempMat = null;
    Path tempList = null;
    try (Mat5File mat = Mat5.newMatFile()) {
      mat.addArray(VARIABLE, matrix);
      tempMat = AtomicFiles.tempFileBeside(file);
      Mat5.writeToFile(mat, tempMat.toFile());
      tempList = AtomicFiles.tempFileBeside(imageListFor(file));
      Files.writeString(tempList, String.join("\n", imageNames) + "\n");
      AtomicFiles.replacePair(tempMat, file, tempList, imageListFor(file));
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    } finally {
      AtomicFiles.deleteQuietly(tempMat);
      AtomicFiles.deleteQuietly(tempList);
    }
  }

  /** {@code feat_test.mat} -> {@code feat_test_images.txt}. */
  public static Path imageListFor(Path matFile) {
    String name = matFile.getFileName().toString();
    String stem = name.endsWith(".mat") ? name.substring(0, name.length() - 4) : name;
    return matFile.resolveSibling(stem + "_images.txt");
  }

  /**
   * Reads the {@code features} of {@code count} images written by {@link #write} (either layout)
   * or by the original, telling the orientation from the known image count.
   */
  public static FeatureMatrix read(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": file not found");
    }
    try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
      Matrix matrix = MatFiles.matrix(mat, VARIABLE, file);
      int rows = matrix.getNumRows();
      int cols = matrix.getNumCols();
      boolean columns = cols == count && rows != count;
      if (!columns && rows != count) {
        throw new DeepMetricException(String.format("%s: features are %d x %d but the dataset has %d images",
            file, rows, cols, count));
      }
      int dim = columns ? rows : cols;
      float[] values = new float[count * dim];
      for (int image = 0; image < count; image++) {
        for (int k = 0; k < dim; k++) {
          values[image * dim + k] = columns ? matrix.getFloat(k, image) : matrix.getFloat(image, k);
        }
      }
      return new FeatureMatrix(values, count, dim);
    } catch (IOException e) {
      throw MatFiles.unreadable(file, e);
    }
  }
}
