package org.deepmetric.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.Relevance;
import org.deepmetric.eval.DistanceBlocks;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import scala.Tuple2;

/**
 * {@code spark search}: the {@code k} nearest gallery items of every query, over a gallery of any
 * size. The queries go to every executor (in passes of {@code queryChunk}); each gallery
 * partition is read {@link #GALLERY_CHUNK} rows at a time, its distances to the queries computed
 * as TensorFlow matrix products {@link DistanceBlocks#BLOCK} queries at a time, and only each
 * query's running top k is kept. The partial lists of all partitions are merged per query. No
 * machine ever holds more than one chunk's distances, whatever the gallery's size.
 *
 * <p>With a protocol, junk (identity -1, and the query's identity seen by the query's camera) is
 * left out of the lists, as {@code evaluate} leaves it out of its ranking, so the lists are the
 * first {@code k} places of that ranking and CMC up to rank {@code k} is exact. mAP needs every
 * true match's place: those beyond the top k are bounded between right after it (upper bound)
 * and the very end of the ranking (lower bound); both are equal when every match is in the top k.
 */
public final class GallerySearch {
  /** Gallery rows whose distances are computed together; 4,096 x 256 queries = 4 MB of distances. */
  public static final int GALLERY_CHUNK = 4096;

  /** {@code protocol} null: no figures, and junk stays in the lists. */
  public record Options(int topK, Metric metric, Protocol protocol, int queryChunk) implements Serializable {}

  /** The schema of the output table: one row per query and place. */
  public static final StructType MATCHES = new StructType()
      .add("query_path", DataTypes.StringType, false)
      .add("rank", DataTypes.IntegerType, false)
      .add("gallery_path", DataTypes.StringType, false)
      .add("distance", DataTypes.FloatType, false);

  private GallerySearch() {}

  /** Writes the matches to {@code output} (replaced as a whole) and returns the figures, if a protocol was asked. */
  public static SearchFigures run(SparkSession spark, Dataset<FeatureRow> queries, Dataset<FeatureRow> gallery,
      String output, Options options) {
    List<FeatureRow> queryRows = queries.collectAsList();
    if (queryRows.isEmpty()) {
      throw new DeepMetricException("the query table has no rows");
    }
    int dim = queryRows.get(0).getFeatures() == null ? 0 : queryRows.get(0).getFeatures().length;
    Map<Long, Long> groups = options.protocol() == null ? Map.of() : identityCameraCounts(gallery);
    long galleryCount = groups.isEmpty() ? gallery.count() : groups.values().stream().mapToLong(Long::longValue).sum();
    if (galleryCount == 0) {
      throw new DeepMetricException("the gallery table has no rows");
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SearchFigures.Builder figures = options.protocol() == null ? null
        : new SearchFigures.Builder(options.protocol(), options.topK());
    try (OutputSwap swap = OutputSwap.begin(spark, output)) {
      for (int from = 0; from < queryRows.size(); from += options.queryChunk()) {
        int to = Math.min(queryRows.size(), from + options.queryChunk());
        Broadcast<QueryBlock> block = context.broadcast(QueryBlock.of(queryRows, from, to, dim));
        JavaPairRDD<Integer, TopK> best = gallery.javaRDD()
            .mapPartitionsToPair(rows -> scan(rows, block.value(), options))
            .reduceByKey(TopK::merge)
            .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<Row> matches = best.flatMap(entry -> rows(block.value(), entry._1(), entry._2()));
        spark.createDataFrame(matches, MATCHES).write().mode("append").parquet(swap.staging());
        if (figures != null) {
          Map<Integer, int[]> places = best.mapToPair(entry -> new Tuple2<>(entry._1(),
              goodPlaces(block.value(), entry._1(), entry._2()))).collectAsMap();
          QueryBlock pass = block.value();
          for (int q = 0; q < pass.count(); q++) {
            figures.add(places.getOrDefault(pass.first() + q, new int[0]),
                counts(groups, pass.identities()[q], pass.cameras()[q]));
          }
        }
        best.unpersist();
        block.destroy();
      }
      swap.commit();
    }
    return figures == null ? null : figures.build();
  }

  /** One gallery partition against the queries: each query's top k among this partition's rows. */
  private static Iterator<Tuple2<Integer, TopK>> scan(Iterator<FeatureRow> rows, QueryBlock queries, Options options) {
    FeatureMatrix queryFeatures = queries.features();
    TopK[] best = new TopK[queries.count()];
    for (int q = 0; q < best.length; q++) {
      best[q] = new TopK(options.topK());
    }
    int dim = queries.dim();
    float[] values = new float[GALLERY_CHUNK * dim];
    String[] paths = new String[GALLERY_CHUNK];
    int[] identities = new int[GALLERY_CHUNK];
    int[] cameras = new int[GALLERY_CHUNK];
    int filled = 0;
    while (rows.hasNext()) {
      FeatureRow row = rows.next();
      float[] features = row.getFeatures();
      if (features == null || features.length != dim) {
        throw new DeepMetricException(row.getPath() + ": gallery item has " + (features == null ? "no"
            : features.length) + " features, the queries " + dim);
      }
      if (options.protocol() != null && (row.getIdentity() == null || row.getCamera() == null)) {
        throw new DeepMetricException(row.getPath() + ": gallery item has no identity or camera; "
            + "--protocol needs names that follow the dataset's convention");
      }
      System.arraycopy(features, 0, values, filled * dim, dim);
      paths[filled] = row.getPath();
      identities[filled] = row.getIdentity() == null ? -1 : row.getIdentity();
      cameras[filled] = row.getCamera() == null ? Relevance.UNKNOWN_CAMERA : row.getCamera();
      if (++filled == GALLERY_CHUNK || !rows.hasNext()) {
        FeatureMatrix chunk = new FeatureMatrix(filled == GALLERY_CHUNK ? values
            : Arrays.copyOf(values, filled * dim), filled, dim);
        rank(queries, queryFeatures, chunk, paths, identities, cameras, options, best);
        filled = 0;
      }
    }
    List<Tuple2<Integer, TopK>> out = new ArrayList<>();
    for (int q = 0; q < best.length; q++) {
      if (best[q].size() > 0) {
        out.add(new Tuple2<>(queries.first() + q, best[q]));
      }
    }
    return out.iterator();
  }

  private static void rank(QueryBlock queries, FeatureMatrix queryFeatures, FeatureMatrix chunk, String[] paths,
      int[] identities, int[] cameras, Options options, TopK[] best) {
    int n = chunk.count();
    try (DistanceBlocks blocks = new DistanceBlocks(chunk, options.metric())) {
      for (int from = 0; from < queries.count(); from += DistanceBlocks.BLOCK) {
        int to = Math.min(queries.count(), from + DistanceBlocks.BLOCK);
        float[] distances = blocks.block(queryFeatures, from, to);
        for (int q = from; q < to; q++) {
          int base = (q - from) * n;
          TopK list = best[q];
          for (int i = 0; i < n; i++) {
            if (options.protocol() != null && Relevance.of(queries.identities()[q], queries.cameras()[q],
                identities[i], cameras[i]) == Relevance.JUNK) {
              continue;
            }
            list.offer(distances[base + i], paths[i], identities[i], cameras[i]);
          }
        }
      }
    }
  }

  private static Iterator<Row> rows(QueryBlock queries, int query, TopK list) {
    List<Row> out = new ArrayList<>(list.size());
    int[] order = list.order();
    String path = queries.paths()[query - queries.first()];
    for (int r = 0; r < order.length; r++) {
      out.add(RowFactory.create(path, r + 1, list.path(order[r]), list.distance(order[r])));
    }
    return out.iterator();
  }

  /** The places (0-based) in {@code list} that hold true matches of {@code query}, ascending. */
  private static int[] goodPlaces(QueryBlock queries, int query, TopK list) {
    int q = query - queries.first();
    int[] order = list.order();
    return IntStream.range(0, order.length)
        .filter(r -> Relevance.of(queries.identities()[q], queries.cameras()[q], list.identity(order[r]),
            list.camera(order[r])) == Relevance.GOOD)
        .toArray();
  }

  /**
   * How many gallery items there are per (identity, camera), keyed by {@link #key}: all the
   * protocol needs to know of the items that the top-k lists leave out.
   */
  private static Map<Long, Long> identityCameraCounts(Dataset<FeatureRow> gallery) {
    Map<Long, Long> counts = new HashMap<>();
    for (Row group : gallery.groupBy("identity", "camera").count().collectAsList()) {
      if (group.isNullAt(0) || group.isNullAt(1)) {
        throw new DeepMetricException(group.getLong(2) + " gallery items have no identity or camera; --protocol "
            + "needs file names that follow the dataset's convention");
      }
      counts.put(key(group.getInt(0), group.getInt(1)), group.getLong(2));
    }
    return counts;
  }

  /** What the gallery holds for a query, by the {@link Relevance} rule over the counts. */
  private static SearchFigures.Counts counts(Map<Long, Long> groups, int identity, int camera) {
    long good = 0;
    long junk = 0;
    long all = 0;
    for (Map.Entry<Long, Long> group : groups.entrySet()) {
      Relevance relevance = Relevance.of(identity, camera, (int) (group.getKey() >> 32), (int) (long) group.getKey());
      good += relevance == Relevance.GOOD ? group.getValue() : 0;
      junk += relevance == Relevance.JUNK ? group.getValue() : 0;
      all += group.getValue();
    }
    return new SearchFigures.Counts(Math.toIntExact(good), all - junk);
  }

  private static long key(int identity, int camera) {
    return ((long) identity << 32) | (camera & 0xffffffffL);
  }
}
