package org.deepmetric.data.reid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepmetric.DeepMetricException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/** Reads and writes the numeric matrices of the datasets' MATLAB files (MAT 5 format) with the MFL library. */
public final class MatFiles {
  private MatFiles() {}

  /**
   * The matrix stored in {@code file} as int rows: the variable {@code name} if present, else the
   * file's only numeric variable (the kits load these with importdata, so names vary).
   */
  public static int[][] readIntMatrix(Path file, String name) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": file not found");
    }
    try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
      Matrix matrix = matrix(mat, name, file);
      int rows = matrix.getNumRows();
      int cols = matrix.getNumCols();
      int[][] values = new int[rows][cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          values[r][c] = (int) Math.round(matrix.getDouble(r, c));
        }
      }
      return values;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The library reports a truncated or foreign file as an IOException wrapping the cause. */
  public static DeepMetricException unreadable(Path file, IOException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return new DeepMetricException(file + ": not a readable MAT file (" + reason + ")", e);
  }

  /**
   * The numeric matrix {@code name} of an open file, or its only numeric matrix; an error naming
   * {@code file} otherwise.
   */
  public static Matrix matrix(Mat5File mat, String name, Path file) {
    for (MatFile.Entry entry : mat.getEntries()) {
      if (entry.getName().equals(name) && entry.getValue() instanceof Matrix matrix) {
        return matrix;
      }
    }
    Matrix only = null;
    for (MatFile.Entry entry : mat.getEntries()) {
      Array value = entry.getValue();
      if (value instanceof Matrix matrix) {
        if (only != null) {
          throw new DeepMetricException(file + ": no variable '" + name + "' and more than one matrix to choose from");
        }
        only = matrix;
      }
    }
    if (only == null) {
      throw new DeepMetricException(file + ": holds no numeric matrix");
    }
    return only;
  }

  /** Writes {@code rows} as the double matrix {@code name}, the type MATLAB's kits read back. */
  public static void writeIntMatrix(Path file, String name, int[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    Matrix matrix = Mat5.newMatrix(rows.length, cols);
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < cols; c++) {
        matrix.setDouble(r, c, rows[r][c]);
      }
    }
    try (Mat5File mat = Mat5.newMatFile()) {
      mat.addArray(name, matrix);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Mat5.writeToFile(mat, file.toFile());
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** Writes {@code values} as the column vector {@code name}. */
  public static void writeColumn(Path file, String name, int[] values) {
    int[][] rows = new int[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new int[] {values[i]};
    }
    writeIntMatrix(file, name, rows);
  }
}
