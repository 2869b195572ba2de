package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.deepmetric.data.CameraClock;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.DetectionTable;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.TrackSearch;
import org.deepmetric.io.Npy;
import org.deepmetric.track.TrackSummary;

/**
 * {@code spark tracks}: the tracks of a multi-camera set as rows of a feature table, one task per
 * camera. A row is one camera's track summarised as {@code where} and {@code mtmc} summarise it
 * (the mean of its detections' normalised features, normalised; its first and last second on the
 * common clock): {@code path} is {@code CAMERA:ID}, as {@code where --query} names a track;
 * {@code camera} the camera's number (1 for the first sequence in name order); {@code identity}
 * null; then {@code sequence}, {@code track}, {@code first_s}, {@code last_s}, {@code boxes}. So
 * the table is a gallery that {@code spark search} and {@code spark where} rank. Tracks without a
 * feature (no detection under any of their boxes) cannot be ranked and are counted, not written.
 * The sequences must be on a file system every executor mounts.
 */
public final class TrackTable {
  /** {@link FeatureRow}'s columns, then the track's. */
  public static final StructType ROWS = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("identity", DataTypes.IntegerType, true)
      .add("camera", DataTypes.IntegerType, false)
      .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
      .add("sequence", DataTypes.StringType, false)
      .add("track", DataTypes.IntegerType, false)
      .add("first_s", DataTypes.DoubleType, false)
      .add("last_s", DataTypes.DoubleType, false)
      .add("boxes", DataTypes.IntegerType, false);

  /** Where each camera's features come from: its {@code .npy} under {@code detectionDir}, or {@code model} on its frames. */
  public record Features(String detectionDir, String model) implements java.io.Serializable {}

  /** Tracks written, and tracks left out for want of a feature. */
  public record Outcome(long tracks, long withoutFeature) {}

  private TrackTable() {}

  public static Outcome run(SparkSession spark, Path motDir, Path resultDir, Features features, String output) {
    // Read here first, so a missing or malformed cameras.csv is one line before any task starts.
    CameraClock clock = CameraClock.read(motDir);
    List<Path> sequences = MotSequence.folders(motDir, "img1", "det");
    sequences.forEach(s -> clock.of(s.getFileName().toString(), motDir));
    String mot = motDir.toString();
    String results = resultDir.toString();
    List<String> dirs = sequences.stream().map(Path::toString).toList();
    LongAccumulator skipped = spark.sparkContext().longAccumulator("tracks without a feature");
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(IntStream.range(0, dirs.size()).boxed().toList(), Math.max(1, dirs.size()))
        .flatMap(c -> camera(c, Path.of(dirs.get(c)), Path.of(mot), Path.of(results), features, skipped).iterator());
    try (OutputSwap swap = OutputSwap.begin(spark, output)) {
      spark.createDataFrame(rows, ROWS).write().parquet(swap.staging());
      swap.commit();
    }
    return new Outcome(spark.read().parquet(output).count(), skipped.value());
  }

  private static List<Row> camera(int c, Path sequence, Path motDir, Path resultDir, Features features,
      LongAccumulator skipped) {
    String name = sequence.getFileName().toString();
    DetectionTable detections = features.detectionDir() != null
        ? DetectionTable.of(Npy.read(Path.of(features.detectionDir()).resolve(name + ".npy")))
        : new DetectionFeatures(ModelCache.get(features.model()), new PrintWriter(System.err, true))
            .table(MotSequence.read(sequence, motDir));
    TrackSearch.CameraTracks tracks = TrackSearch.readCamera(c, sequence, CameraClock.read(motDir).of(name, motDir),
        resultDir, detections);
    List<Row> rows = new ArrayList<>();
    for (TrackSummary t : tracks.summaries()) {
      if (t.feature().length == 0) {
        skipped.add(1);
        continue;
      }
      rows.add(RowFactory.create(name + ":" + t.localId(), null, c + 1, t.feature(), name, t.localId(),
          t.firstSeconds(), t.lastSeconds(), t.boxes()));
    }
    return rows;
  }
}
