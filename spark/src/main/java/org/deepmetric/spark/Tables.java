package org.deepmetric.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.DeepMetricException;

/** Opening the jobs' inputs and outputs, with a one-line error naming the flag when one is missing. */
final class Tables {
  private Tables() {}

  /** {@code open}'s table; Spark's "path does not exist" and schema errors become one line naming {@code what}. */
  static Dataset<Row> read(SparkSession spark, String what, Supplier<Dataset<Row>> open) {
    try {
      return open.get();
    } catch (Exception e) {
      // Scala code throws AnalysisException (a checked exception to Java) without declaring it.
      if (e instanceof AnalysisException || e.getClass().getName().startsWith("org.apache.spark.sql")) {
        throw new DeepMetricException(what + ": " + firstLine(e.getMessage()), e);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new DeepMetricException(what + ": " + e.getMessage(), e);
    }
  }

  /** A Parquet feature table at {@code path} with {@link FeatureRow}'s columns, or a one-line error. */
  static Dataset<FeatureRow> features(SparkSession spark, String flag, String path) {
    if (!exists(spark, path)) {
      throw new DeepMetricException(flag + " " + path + ": no Parquet table there (write one with spark encode)");
    }
    Dataset<Row> table = read(spark, flag + " " + path, () -> spark.read().parquet(path));
    for (String column : FeatureRow.COLUMNS) {
      if (!Arrays.asList(table.columns()).contains(column)) {
        throw new DeepMetricException(flag + " " + path + ": not a feature table (no column '" + column + "')");
      }
    }
    return FeatureRow.of(table);
  }

  /** Whether {@code path} holds committed Parquet files (a killed job's leftovers do not count). */
  static boolean exists(SparkSession spark, String path) {
    try {
      Path dir = new Path(path);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return false;
      }
      for (FileStatus file : fs.listStatus(dir)) {
        if (file.getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new DeepMetricException(path + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  private static String firstLine(String message) {
    String text = message == null ? "cannot read" : message.strip();
    int end = text.indexOf('\n');
    // Spark appends the SQL standard's error class, which tells a user nothing more.
    return (end < 0 ? text : text.substring(0, end)).replaceFirst("\\s*SQLSTATE: \\w+\\s*$", "");
  }
}
