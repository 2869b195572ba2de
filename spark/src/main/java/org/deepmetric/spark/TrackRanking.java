package org.deepmetric.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deepmetric.DeepMetricException;
import org.deepmetric.eval.Metric;
import org.deepmetric.infer.TrackSearch;
import org.deepmetric.track.TrackSummary;

/**
 * {@code spark where}: a {@link TrackTable}'s tracks ranked by cosine distance to one query (a
 * track of the table, itself left out, or a crop's feature), with {@link GallerySearch}'s
 * machinery: the tracks are the gallery, read a partition at a time, and only the top k is kept.
 * The answer is the single-machine {@code where}'s: the same table rows, distances of the same
 * unit features (in float32 rather than double, so within 1e-6), ties by path.
 */
public final class TrackRanking {
  private TrackRanking() {}

  /** The query row of track {@code query} (CAMERA:ID) in {@code tracks}; an error naming the table when absent. */
  public static FeatureRow track(Dataset<Row> tracks, String query, String table) {
    List<FeatureRow> rows = FeatureRow.of(tracks.filter(col("path").equalTo(query))).collectAsList();
    if (rows.isEmpty()) {
      throw new DeepMetricException("--query " + query + ": --tracks " + table + " has no such track (or it had no"
          + " feature to rank by)");
    }
    return rows.get(0);
  }

  /**
   * Writes the {@code topK} tracks nearest {@code query} (not itself) to {@code output} as
   * {@link GallerySearch#MATCHES} rows, and returns them as {@code where}'s table: its header, then
   * one line per place.
   */
  public static List<String> run(SparkSession spark, Dataset<Row> tracks, FeatureRow query, String output, int topK) {
    int dim = query.getFeatures().length;
    Row first = tracks.select("features").first();
    if (first.getList(0).size() != dim) {
      throw new DeepMetricException(String.format(java.util.Locale.ROOT, "the query has %d-d features, the tracks"
          + " %d-d ones: the query and the tracks must come from one model", dim, first.getList(0).size()));
    }
    Dataset<FeatureRow> queries = spark.createDataset(List.of(query), FeatureRow.encoder());
    Dataset<FeatureRow> gallery = FeatureRow.of(tracks.filter(col("path").notEqual(query.getPath())));
    GallerySearch.run(spark, queries, gallery, output, new GallerySearch.Options(topK, Metric.COSINE, null, 1));
    List<Row> places = spark.read().parquet(output)
        .join(tracks.withColumnRenamed("path", "gallery_path"), "gallery_path")
        .orderBy("rank").select("rank", "sequence", "track", "first_s", "last_s", "boxes", "distance")
        .collectAsList();
    List<String> table = new ArrayList<>();
    table.add(TrackSearch.TABLE_HEADER);
    for (Row r : places) {
      TrackSummary track = new TrackSummary(0, r.getInt(2), r.getDouble(3), r.getDouble(4), r.getInt(5), new float[0]);
      table.add(TrackSearch.tableRow(r.getInt(0), r.getString(1), track, r.getFloat(6)));
    }
    return table;
  }
}
