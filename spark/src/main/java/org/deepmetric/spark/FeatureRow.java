package org.deepmetric.spark;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * One row of a feature table, as {@code encode} writes it to Parquet: the image's {@code path}
 * (a URI, {@code file:/...} or {@code hdfs://...}), the {@code identity} and {@code camera} its file
 * name gives under the Market-1501 or MARS convention (null otherwise; -1 junk, 0 distractor) and
 * {@code features}, float32 [D]. A Java bean so that Spark reads {@code features} straight into a
 * {@code float[]}.
 */
public final class FeatureRow implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The Parquet columns, in this order. */
  public static final String[] COLUMNS = {"path", "identity", "camera", "features"};

  private String path;
  private Integer identity;
  private Integer camera;
  private float[] features;

  public FeatureRow() {}

  public FeatureRow(String path, Integer identity, Integer camera, float[] features) {
    this.path = path;
    this.identity = identity;
    this.camera = camera;
    this.features = features;
  }

  public static Encoder<FeatureRow> encoder() {
    return Encoders.bean(FeatureRow.class);
  }

  /** A feature table read back with this class, whatever order its columns were written in. */
  public static Dataset<FeatureRow> of(Dataset<Row> table) {
    return table.select(columns()).as(encoder());
  }

  /** {@code rows} as the table {@code encode} writes, columns in {@link #COLUMNS} order. */
  public static Dataset<Row> table(Dataset<FeatureRow> rows) {
    return rows.select(columns());
  }

  private static Column[] columns() {
    Column[] columns = new Column[COLUMNS.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = functions.col(COLUMNS[i]);
    }
    return columns;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Integer getIdentity() {
    return identity;
  }

  public void setIdentity(Integer identity) {
    this.identity = identity;
  }

  public Integer getCamera() {
    return camera;
  }

  public void setCamera(Integer camera) {
    this.camera = camera;
  }

  public float[] getFeatures() {
    return features;
  }

  public void setFeatures(float[] features) {
    this.features = features;
  }
}
