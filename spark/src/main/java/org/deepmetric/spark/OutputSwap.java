package org.deepmetric.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.DeepMetricException;

/**
 * An output folder replaced as a whole: the job writes into a staging folder beside it, and only
 * {@link #commit()} puts it in the output's place, so a failed or killed job leaves the previous
 * output as it was (and at worst a staging folder, which the next run clears).
 */
final class OutputSwap implements AutoCloseable {
  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private boolean committed;

  private OutputSwap(FileSystem fs, Path output, Path staging) {
    this.fs = fs;
    this.output = output;
    this.staging = staging;
  }

  static OutputSwap begin(SparkSession spark, String output) {
    Path target = new Path(output);
    try {
      FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path staging = new Path(target.getParent(), target.getName() + ".staging");
      fs.delete(staging, true);
      return new OutputSwap(fs, target, staging);
    } catch (IOException e) {
      throw new DeepMetricException(output + ": cannot prepare the output (" + e.getMessage() + ")", e);
    }
  }

  /** Where the job writes. */
  String staging() {
    return staging.toString();
  }

  void commit() {
    try {
      fs.delete(output, true);
      if (!fs.rename(staging, output)) {
        throw new IOException("rename from " + staging + " refused");
      }
      committed = true;
    } catch (IOException e) {
      throw new DeepMetricException(output + ": cannot put the output in place (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException ignored) {
        // The next run clears it.
      }
    }
  }
}
