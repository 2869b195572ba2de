package org.deepmetric.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deepmetric.eval.Metric;
import scala.Tuple2;

/**
 * The scaling evidence for {@code spark search}: a synthetic gallery of random unit vectors (no
 * images) with planted near-duplicates, searched by queries of which half have three planted
 * copies each in the gallery. Reports the search's time, whether the copies came first, and the
 * peak memory of every executor JVM (its resident set's high-water mark, and its heap limit).
 */
public final class SearchBenchmark {
  /** Planted copies per planted query: they must fill its first three places. */
  public static final int COPIES = 3;
  private static final float COPY_NOISE = 0.02f;
  private static final int ROWS_PER_PARTITION = 50_000;
  /** The seed spaces of the four kinds of vector (each row's or group's number goes below). */
  private static final long GALLERY = 0;
  private static final long GALLERY_COPY = 1L << 60;
  private static final long QUERY = 2L << 60;
  private static final long QUERY_COPY = 3L << 60;
  private static final long BASE = 4L << 60;

  /** What one run measured. */
  public record Report(long gallery, int queries, double generateSeconds, double searchSeconds, long copiesFound,
      long copiesPlanted, Map<String, long[]> memoryPerExecutor) {}

  private SearchBenchmark() {}

  public static Report run(SparkSession spark, Path dir, long gallerySize, int queryCount, int dim, int topK) {
    String gallery = dir.resolve("gallery-" + gallerySize + "x" + dim).toString();
    long start = System.nanoTime();
    if (!Tables.exists(spark, gallery)) {
      writeGallery(spark, gallery, gallerySize, queryCount, dim);
    }
    double generated = (System.nanoTime() - start) / 1e9;
    String queryTable = dir.resolve("queries-" + queryCount + "x" + dim).toString();
    List<FeatureRow> queries = new ArrayList<>();
    long step = gallerySize / (queryCount / 2);
    for (int q = 0; q < queryCount; q++) {
      float[] features = q < queryCount / 2 ? copy(base(q, dim), QUERY_COPY | q) : random(QUERY | q, dim);
      queries.add(new FeatureRow(String.format("q%06d", q), null, null, features));
    }
    FeatureRow.table(spark.createDataset(queries, FeatureRow.encoder())).write().mode("overwrite").parquet(queryTable);
    String output = dir.resolve("matches").toString();
    start = System.nanoTime();
    GallerySearch.run(spark, Tables.features(spark, "--query", queryTable),
        Tables.features(spark, "--gallery", gallery), output,
        new GallerySearch.Options(topK, Metric.COSINE, null, Integer.parseInt(SearchCommand.QUERY_CHUNK)));
    double searched = (System.nanoTime() - start) / 1e9;
    Dataset<Row> matches = spark.read().parquet(output);
    long found = matches.filter(functions.col("rank").leq(COPIES)).toJavaRDD().filter(row -> {
      int q = Integer.parseInt(row.getString(0).substring(1));
      long g = Long.parseLong(row.getString(2).substring(1));
      return q < queryCount / 2 && g / step == q && g % step < COPIES;
    }).count();
    return new Report(gallerySize, queryCount, generated, searched, found, (long) COPIES * (queryCount / 2),
        memory(spark));
  }

  private static void writeGallery(SparkSession spark, String path, long size, int queryCount, int dim) {
    long step = size / (queryCount / 2);
    int partitions = (int) Math.max(2, (size + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION);
    Dataset<FeatureRow> rows = spark.range(0, size, 1, partitions).mapPartitions(
        (MapPartitionsFunction<Long, FeatureRow>) ids -> new Iterator<>() {
          @Override
          public boolean hasNext() {
            return ids.hasNext();
          }

          @Override
          public FeatureRow next() {
            long id = ids.next();
            boolean planted = id / step < queryCount / 2 && id % step < COPIES;
            float[] features = planted ? copy(base(id / step, dim), GALLERY_COPY | id) : random(GALLERY | id, dim);
            return new FeatureRow(String.format("g%09d", id), null, null, features);
          }
        }, FeatureRow.encoder());
    FeatureRow.table(rows).write().parquet(path);
  }

  /** The vector planted query {@code group} and its gallery copies are near. */
  private static float[] base(long group, int dim) {
    return random(BASE | group, dim);
  }

  /** {@code base} plus a little noise, renormalised: cosine distance about 0.03 from it. */
  private static float[] copy(float[] base, long seed) {
    SplittableRandom random = stream(seed);
    float[] out = base.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += COPY_NOISE * (float) random.nextGaussian();
    }
    return normalised(out);
  }

  /** A uniformly random unit vector. */
  private static float[] random(long seed, int dim) {
    SplittableRandom random = stream(seed);
    float[] out = new float[dim];
    for (int i = 0; i < dim; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return normalised(out);
  }

  /**
   * An independent stream per seed. (Seeds a fixed step apart given straight to SplittableRandom
   * give the same sequence shifted, and so near-identical vectors.)
   */
  private static SplittableRandom stream(long seed) {
    return new SplittableRandom(seed).split();
  }

  private static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  /**
   * Executor id -> {peak resident set in bytes, heap limit in bytes}, asked of every executor by
   * enough small tasks to reach them all; the driver's own too.
   */
  static Map<String, long[]> memory(SparkSession spark) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int tasks = 8 * context.defaultParallelism();
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      slots.add(i);
    }
    Map<String, long[]> out = new TreeMap<>();
    for (Tuple2<String, long[]> executor : context.parallelize(slots, tasks)
        .mapToPair(i -> new Tuple2<>(SparkEnv.get().executorId(), new long[] {peakResidentBytes(),
            Runtime.getRuntime().maxMemory()}))
        .reduceByKey((a, b) -> a[0] >= b[0] ? a : b)
        .collect()) {
      out.put(executor._1(), executor._2());
    }
    out.putIfAbsent("driver", new long[] {peakResidentBytes(), Runtime.getRuntime().maxMemory()});
    return out;
  }

  /** VmHWM of /proc/self/status: the most memory this JVM ever had resident; -1 where there is none. */
  static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
