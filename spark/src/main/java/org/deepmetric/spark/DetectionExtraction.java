package org.deepmetric.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.io.Npy;

/**
 * {@code spark detections}: deep_sort's generate_detections over many MOTChallenge sequences at
 * once, one task per sequence. Each task crops and encodes its sequence exactly as
 * {@code generate-detections} does and writes {@code <sequence>.npy}; all rows also go to one
 * Parquet table, with the det.txt columns under MOTChallenge's names. Sequences and outputs must
 * be on a file system every executor mounts (the .npy files are plain local writes).
 */
public final class DetectionExtraction {
  /** det.txt's ten columns, as MOTChallenge names them, after the sequence. */
  public static final StructType ROWS = new StructType()
      .add("sequence", DataTypes.StringType, false)
      .add("frame", DataTypes.IntegerType, false)
      .add("id", DataTypes.IntegerType, false)
      .add("bb_left", DataTypes.FloatType, false)
      .add("bb_top", DataTypes.FloatType, false)
      .add("bb_width", DataTypes.FloatType, false)
      .add("bb_height", DataTypes.FloatType, false)
      .add("conf", DataTypes.FloatType, false)
      .add("x", DataTypes.FloatType, false)
      .add("y", DataTypes.FloatType, false)
      .add("z", DataTypes.FloatType, false)
      .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private DetectionExtraction() {}

  /**
   * Encodes every sequence of {@code motDir}, whose det.txt are under {@code detectionRoot}; returns the
   * detections per sequence, by name.
   */
  public static Map<String, Long> run(SparkSession spark, String model, Path motDir, Path detectionRoot,
      Path npyDir, String parquet) {
    List<String> sequences = MotSequence.folders(motDir, "img1").stream().map(Path::toString).toList();
    String detections = detectionRoot.toString();
    String npy = npyDir.toString();
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(sequences, sequences.size())
        .flatMap(dir -> encode(model, Path.of(dir), Path.of(detections), Path.of(npy)).iterator());
    try (OutputSwap swap = OutputSwap.begin(spark, parquet)) {
      spark.createDataFrame(rows, ROWS).write().parquet(swap.staging());
      swap.commit();
    }
    Map<String, Long> counts = new TreeMap<>();
    for (Row count : spark.read().parquet(parquet).groupBy("sequence").count().collectAsList()) {
      counts.put(count.getString(0), count.getLong(1));
    }
    for (String dir : sequences) {
      counts.putIfAbsent(Path.of(dir).getFileName().toString(), 0L);
    }
    return counts;
  }

  private static List<Row> encode(String model, Path sequenceDir, Path detectionRoot, Path npyDir) {
    MotSequence sequence = MotSequence.read(sequenceDir, detectionRoot);
    DetectionFeatures generator = new DetectionFeatures(ModelCache.get(model), new PrintWriter(System.err, true));
    Npy.Matrix matrix = generator.rows(sequence);
    Npy.writeFloat32(npyDir.resolve(sequence.name() + ".npy"), matrix.values(), matrix.rows(), matrix.cols());
    List<Row> rows = new ArrayList<>(matrix.rows());
    for (int r = 0; r < matrix.rows(); r++) {
      float[] v = Arrays.copyOfRange(matrix.values(), r * matrix.cols(), (r + 1) * matrix.cols());
      rows.add(RowFactory.create(sequence.name(), (int) v[0], (int) v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
          v[9], Arrays.copyOfRange(v, DetectionFeatures.DETECTION_COLUMNS, v.length)));
    }
    return rows;
  }
}
