package org.deepmetric.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.reid.ReidNames;
import org.deepmetric.infer.AppearanceModel;

/**
 * {@code spark encode}: every JPEG and PNG under a folder or glob, read by Spark's
 * {@code binaryFile} source, becomes one {@link FeatureRow} in a Parquet table. Images are
 * decoded and resized exactly as the CLI's crop loader does (bilinear to the model's input
 * shape, no flip), a batch at a time per partition, by the executor's one copy of the model.
 * A rerun appends only the images whose paths the table does not hold yet, so a killed job
 * resumes where its last committed files ended (Spark commits each write whole or not at all).
 */
public final class FeatureEncoding {
  /** What one run did: images encoded now, and images skipped because the table held them. */
  public record Outcome(long encoded, long alreadyThere) {}

  private FeatureEncoding() {}

  public static Outcome run(SparkSession spark, String model, String images, String output, int batchSize) {
    Dataset<Row> files = Tables.read(spark, "--images " + images, () -> spark.read().format("binaryFile")
        .option("pathGlobFilter", "*.{jpg,jpeg,png,JPG,JPEG,PNG}")
        .option("recursiveFileLookup", "true")
        .load(images)
        .select("path", "content"));
    if (files.select("path").isEmpty()) {
      throw new DeepMetricException("--images " + images + ": no JPEG or PNG images found");
    }
    long alreadyThere = 0;
    if (Tables.exists(spark, output)) {
      Dataset<Row> done = Tables.read(spark, "--output " + output, () -> spark.read().parquet(output).select("path"));
      alreadyThere = done.count();
      files = files.join(functions.broadcast(done), files.col("path").equalTo(done.col("path")), "left_anti");
    }
    LongAccumulator encoded = spark.sparkContext().longAccumulator("images encoded");
    Dataset<FeatureRow> rows = files.mapPartitions(
        (MapPartitionsFunction<Row, FeatureRow>) input -> new Batches(input, model, batchSize, encoded),
        FeatureRow.encoder());
    FeatureRow.table(rows).write().mode(SaveMode.Append).parquet(output);
    return new Outcome(encoded.value(), alreadyThere);
  }

  /** The identity and camera a file name gives under Market-1501's or MARS' convention, if either. */
  static Optional<PersonImage> person(String path) {
    Path name = Path.of(new org.apache.hadoop.fs.Path(path).getName());
    Optional<PersonImage> market = ReidNames.market1501(name);
    return market.isPresent() ? market : ReidNames.mars(name);
  }

  /** Rows of (path, content) in, feature rows out, {@code batchSize} images per model call. */
  private static final class Batches implements Iterator<FeatureRow> {
    private final Iterator<Row> input;
    private final String model;
    private final int batchSize;
    private final LongAccumulator encoded;
    private final List<FeatureRow> ready = new ArrayList<>();
    private int next;

    Batches(Iterator<Row> input, String model, int batchSize, LongAccumulator encoded) {
      this.input = input;
      this.model = model;
      this.batchSize = batchSize;
      this.encoded = encoded;
    }

    @Override
    public boolean hasNext() {
      if (next == ready.size() && input.hasNext()) {
        encodeNextBatch();
      }
      return next < ready.size();
    }

    @Override
    public FeatureRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.get(next++);
    }

    private void encodeNextBatch() {
      AppearanceModel encoder = ModelCache.get(model);
      ImageShape shape = encoder.inputShape();
      List<String> paths = new ArrayList<>(batchSize);
      byte[] pixels = new byte[batchSize * shape.bytes()];
      while (paths.size() < batchSize && input.hasNext()) {
        Row row = input.next();
        String path = row.getString(0);
        Images.copyRgb(Images.resize(Images.decode((byte[]) row.get(1), path), shape.width(), shape.height()), false,
            pixels, paths.size() * shape.bytes());
        paths.add(path);
      }
      int count = paths.size();
      byte[] used = count == batchSize ? pixels : Arrays.copyOf(pixels, count * shape.bytes());
      float[] features = encoder.encode(new ReidBatch(used, new int[count], shape));
      int dim = encoder.featureDim();
      ready.clear();
      next = 0;
      for (int i = 0; i < count; i++) {
        Optional<PersonImage> person = person(paths.get(i));
        ready.add(new FeatureRow(paths.get(i), person.map(PersonImage::personId).orElse(null),
            person.map(PersonImage::camera).orElse(null),
            Arrays.copyOfRange(features, i * dim, (i + 1) * dim)));
      }
      encoded.add(count);
    }
  }
}
