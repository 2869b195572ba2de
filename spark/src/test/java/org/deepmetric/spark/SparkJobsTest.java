package org.deepmetric.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.Augmentation;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySampler;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.deepmetric.data.synth.SyntheticMot;
import org.deepmetric.data.synth.SyntheticMtmc;
import org.deepmetric.data.MotText;
import org.deepmetric.track.Box;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.eval.RankingTask;
import org.deepmetric.eval.Retrieval;
import org.deepmetric.export.ModelExport;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.FrozenFeatureEncoder;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.Npy;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.net.URI;

/**
 * The Spark jobs in local[2] against the single-machine code they scale out: a network trained
 * for a few steps on a synthetic Market-1501 set, frozen; its features as {@code --mode=export}
 * computes them; rankings as {@code evaluate} scores them.
 */
class SparkJobsTest {
  @TempDir
  static Path dir;

  static SparkSession spark;
  static Market1501 market;
  static Path checkpoint;
  static Path pb;
  static String encodedQueries;
  static String queryTable;
  static String galleryTable;

  @BeforeAll
  static void setUp() {
    SyntheticMarket1501.write(dir.resolve("market"), new SynthOptions(24, 4, 2, 2, 4));
    market = Market1501.open(dir.resolve("market"), true, w -> { });
    try (CropLoader loader = new CropLoader(2);
         ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, market.numClasses()).build()) {
      var batches = loader.training(new IdentitySampler(market.train(), 4, 4, 1, note -> { }), 1, null,
          ImageShape.DEFAULT, Augmentation.FLIP_ONLY);
      for (int i = 0; i < 3; i++) {
        model.trainStep(batches.get());
      }
      checkpoint = new CheckpointStore(dir.resolve("run"), 0).save(model.session(), model.globalStep());
    }
    pb = dir.resolve("market1501.pb");
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.BGR)) {
      ModelExport.freeze(encoder, pb);
    }
    spark = SparkSession.builder().master("local[2]").appName("SparkJobsTest")
        .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", 4).getOrCreate();
    encodedQueries = dir.resolve("encoded-query.parquet").toString();
    FeatureEncoding.run(spark, pb.toString(), dir.resolve("market/query").toString(), encodedQueries, 16);
    // The rankings are checked on features made to be far from ties: a network trained for three
    // steps puts many crops within float round-off of each other, where any two correct
    // implementations may order them differently.
    queryTable = clusteredFeatures(market.query(), "query.parquet", 1);
    galleryTable = clusteredFeatures(market.gallery(), "gallery.parquet", 2);
  }

  /** A table of {@code images} whose features are their person's centre plus noise, unit length. */
  static String clusteredFeatures(List<PersonImage> images, String name, long seed) {
    Random noise = new Random(seed);
    List<FeatureRow> rows = new ArrayList<>();
    for (PersonImage image : images) {
      Random centre = new Random(1000 + image.personId());
      float[] v = new float[128];
      double norm = 0;
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (centre.nextGaussian() + 1.2 * noise.nextGaussian());
        norm += v[i] * v[i];
      }
      for (int i = 0; i < v.length; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
      rows.add(new FeatureRow(image.file().toUri().toString(), image.personId(), image.camera(), v));
    }
    String table = dir.resolve(name).toString();
    FeatureRow.table(spark.createDataset(rows, FeatureRow.encoder())).repartition(3).write().parquet(table);
    return table;
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  /** File name -> row of a feature table. */
  static Map<String, FeatureRow> byName(String table) {
    Map<String, FeatureRow> rows = new HashMap<>();
    for (FeatureRow row : Tables.features(spark, "--table", table).collectAsList()) {
      rows.put(Path.of(URI.create(row.getPath())).getFileName().toString(), row);
    }
    return rows;
  }

  /** {@code images}' rows of {@code table}, in that order, as a matrix. */
  static FeatureMatrix matrix(Map<String, FeatureRow> table, List<PersonImage> images) {
    float[] values = new float[images.size() * 128];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(table.get(images.get(i).file().getFileName().toString()).getFeatures(), 0, values, i * 128, 128);
    }
    return new FeatureMatrix(values, images.size(), 128);
  }

  @Test
  void encodeGivesTheFeaturesOfExportModeAndTheNamesIdentities() {
    Map<String, FeatureRow> table = byName(encodedQueries);
    List<PersonImage> query = market.query();
    assertEquals(query.size(), table.size());
    FeatureMatrix exported;
    try (ReidEncoder encoder = ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB);
         CropLoader loader = new CropLoader(2)) {
      exported = encoder.encode(query, loader, 64);
    }
    FeatureMatrix encoded = matrix(table, query);
    float worst = 0;
    for (int i = 0; i < exported.values().length; i++) {
      worst = Math.max(worst, Math.abs(exported.values()[i] - encoded.values()[i]));
    }
    assertTrue(worst <= 1e-5f, "max abs difference " + worst);
    for (PersonImage image : query) {
      FeatureRow row = table.get(image.file().getFileName().toString());
      assertEquals(image.personId(), row.getIdentity());
      assertEquals(image.camera(), row.getCamera());
      assertTrue(row.getPath().startsWith("file:"), row.getPath());
    }
  }

  @Test
  void aRerunEncodesOnlyTheImagesTheTableLacks() throws IOException {
    Path images = dir.resolve("resume");
    Files.createDirectories(images);
    List<PersonImage> query = market.query();
    for (PersonImage image : query.subList(0, 5)) {
      Files.copy(image.file(), images.resolve(image.file().getFileName()));
    }
    String table = dir.resolve("resume.parquet").toString();
    assertEquals(new FeatureEncoding.Outcome(5, 0), FeatureEncoding.run(spark, pb.toString(), images.toString(), table, 4));
    for (PersonImage image : query.subList(5, 8)) {
      Files.copy(image.file(), images.resolve(image.file().getFileName()));
    }
    assertEquals(new FeatureEncoding.Outcome(3, 5), FeatureEncoding.run(spark, pb.toString(), images.toString(), table, 4));
    assertEquals(8, spark.read().parquet(table).select("path").distinct().count());
  }

  @Test
  void searchListsTheBruteForceTopK() {
    int k = 7;
    String output = dir.resolve("top7.parquet").toString();
    assertEquals(null, GallerySearch.run(spark, Tables.features(spark, "--query", queryTable),
        Tables.features(spark, "--gallery", galleryTable), output, new GallerySearch.Options(k, Metric.COSINE, null, 10)),
        "no figures without a protocol");
    List<FeatureRow> queries = Tables.features(spark, "--query", queryTable).collectAsList();
    List<FeatureRow> gallery = Tables.features(spark, "--gallery", galleryTable).collectAsList();
    FeatureMatrix g = new FeatureMatrix(flat(gallery), gallery.size(), 128);
    FeatureMatrix q = new FeatureMatrix(flat(queries), queries.size(), 128);
    Map<String, List<Row>> found = new HashMap<>();
    for (Row row : spark.read().parquet(output).orderBy("query_path", "rank").collectAsList()) {
      found.computeIfAbsent(row.getString(0), p -> new ArrayList<>()).add(row);
    }
    assertEquals(queries.size(), found.size());
    for (int i = 0; i < queries.size(); i++) {
      int query = i;
      List<Integer> order = new ArrayList<>();
      for (int j = 0; j < gallery.size(); j++) {
        order.add(j);
      }
      order.sort(Comparator.<Integer>comparingDouble(j -> Metric.COSINE.between(q, query, g, j))
          .thenComparing(j -> gallery.get(j).getPath()));
      List<Row> rows = found.get(queries.get(i).getPath());
      assertEquals(k, rows.size());
      for (int r = 0; r < k; r++) {
        assertEquals(r + 1, rows.get(r).getInt(1));
        assertEquals(gallery.get(order.get(r)).getPath(), rows.get(r).getString(2), "query " + i + " rank " + (r + 1));
        assertEquals(Metric.COSINE.between(q, query, g, order.get(r)), rows.get(r).getFloat(3), 1e-5f);
      }
    }
  }

  @Test
  void protocolFiguresEqualEvaluatesAndBoundThemWhenTheTopKIsShort() {
    Map<String, FeatureRow> queryRows = byName(queryTable);
    Map<String, FeatureRow> galleryRows = byName(galleryTable);
    for (Protocol protocol : Protocol.values()) {
      RankingMetrics expected = Retrieval.evaluate(new RankingTask(protocol, "all", market.query(),
          matrix(queryRows, market.query()), market.gallery(), matrix(galleryRows, market.gallery())), Metric.COSINE,
          false);
      SearchFigures whole = search(market.gallery().size(), protocol);
      assertTrue(whole.exact());
      assertArrayEquals(expected.cmc(), whole.lower().cmc(), 1e-12, protocol.toString());
      assertEquals(expected.map(), whole.lower().map(), 1e-12, protocol.toString());
      assertEquals(expected.queries(), whole.lower().queries());

      SearchFigures short3 = search(3, protocol);
      assertFalse(short3.exact(), "a top 3 misses some of the 4-camera identities' matches");
      assertTrue(short3.lower().map() <= expected.map() + 1e-12 && expected.map() <= short3.upper().map() + 1e-12,
          short3.summary() + " vs " + expected.map());
      for (int rank = 1; rank <= 3; rank++) {
        assertEquals(expected.rank(rank), short3.lower().rank(rank), 1e-12);
      }
      assertTrue(short3.summary().contains("mAP between"), short3.summary());
    }
  }

  private static SearchFigures search(int k, Protocol protocol) {
    SearchFigures figures = GallerySearch.run(spark, Tables.features(spark, "--query", queryTable),
        Tables.features(spark, "--gallery", galleryTable), dir.resolve("scored.parquet").toString(),
        new GallerySearch.Options(k, Metric.COSINE, protocol, 7));
    assertNotNull(figures);
    return figures;
  }

  private static float[] flat(List<FeatureRow> rows) {
    float[] values = new float[rows.size() * 128];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i).getFeatures(), 0, values, i * 128, 128);
    }
    return values;
  }

  @Test
  void detectionsWritesWhatGenerateDetectionsWritesAndOneTable() throws IOException {
    Path mot = dir.resolve("mot");
    SyntheticMot.write(mot, new SynthOptions(4, 2, 0, 0, 1), 2, 3);
    Map<String, Long> counts = DetectionExtraction.run(spark, pb.toString(), mot, mot, dir.resolve("npy"),
        dir.resolve("npy/detections.parquet").toString());
    assertEquals(2, counts.size());
    try (FrozenFeatureEncoder encoder = FrozenFeatureEncoder.load(pb)) {
      for (String name : counts.keySet()) {
        MotSequence sequence = MotSequence.read(mot.resolve(name), mot);
        Npy.Matrix expected = new DetectionFeatures(encoder, new PrintWriter(new StringWriter())).rows(sequence);
        Npy.Matrix written = Npy.read(dir.resolve("npy/" + name + ".npy"));
        assertEquals(expected.rows(), counts.get(name).longValue());
        assertEquals(expected.cols(), written.cols());
        assertArrayEquals(expected.values(), written.values(), 1e-5f, name);
        List<Row> rows = spark.read().parquet(dir.resolve("npy/detections.parquet").toString())
            .filter(functions.col("sequence").equalTo(name)).orderBy("frame", "bb_left").collectAsList();
        assertEquals(expected.rows(), rows.size());
      }
    }
  }

  /**
   * "Where did this person go" on Spark gives the single-machine {@code where}'s ranking: the true
   * tracks of a three-camera site as results, each detection's feature its person's centre plus
   * noise (so no two tracks tie).
   */
  @Test
  void whereRanksTracksAsTheSingleMachineDoes() throws IOException {
    Path site = dir.resolve("site");
    SyntheticMtmc.write(site, new SynthOptions(12, 3, 0, 0, 5), 3, 20, false);
    Path truth = dir.resolve("site-truth");
    Path npy = dir.resolve("site-npy");
    Files.createDirectories(truth);
    Files.createDirectories(npy);
    Random noise = new Random(3);
    for (Path sequence : MotSequence.folders(site, "img1", "det")) {
      String name = sequence.getFileName().toString();
      List<double[]> gt = MotText.read(sequence.resolve("gt/gt.txt"));
      Files.copy(sequence.resolve("gt/gt.txt"), truth.resolve(name + ".txt"));
      List<double[]> found = MotText.read(sequence.resolve("det/det.txt"));
      int dim = 16;
      float[] values = new float[found.size() * (10 + dim)];
      for (int r = 0; r < found.size(); r++) {
        double[] d = found.get(r);
        Box box = new Box(d[2], d[3], d[4], d[5]);
        double[] person = gt.stream().filter(g -> g[0] == d[0])
            .max(Comparator.comparingDouble(g -> box.iou(new Box(g[2], g[3], g[4], g[5])))).orElse(null);
        Random centre = new Random(1000 + (person == null ? 0 : (int) person[1]));
        for (int k = 0; k < 10 + dim; k++) {
          values[r * (10 + dim) + k] = k < 6 ? (float) d[k] : k < 10 ? -1 : (float) (centre.nextGaussian()
              + 0.5 * noise.nextGaussian());
        }
      }
      Npy.writeFloat32(npy.resolve(name + ".npy"), values, found.size(), 10 + dim);
    }
    String query = "CAM-02:" + (int) MotText.read(truth.resolve("CAM-02.txt")).get(0)[1];
    Path csv = dir.resolve("where.csv");
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = org.deepmetric.cli.DeepMetric.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    assertEquals(0, cli.execute("where", "--mot_dir=" + site, "--result_dir=" + truth, "--detection_dir=" + npy,
        "--query=" + query, "--output_csv=" + csv), err.toString());
    List<String> single = Files.readAllLines(csv);

    String tracks = dir.resolve("tracks.parquet").toString();
    TrackTable.Outcome outcome = TrackTable.run(spark, site, truth, new TrackTable.Features(npy.toString(), null),
        tracks);
    assertEquals(single.size(), outcome.tracks(), "every track but the query ranked, plus the query itself");
    org.apache.spark.sql.Dataset<Row> table = spark.read().parquet(tracks);
    List<String> distributed = TrackRanking.run(spark, table, TrackRanking.track(table, query, tracks),
        dir.resolve("where.parquet").toString(), 1000);
    assertEquals(single.size(), distributed.size());
    assertEquals(single.get(0), distributed.get(0));
    for (int i = 1; i < single.size(); i++) {
      String[] a = single.get(i).split(",");
      String[] b = distributed.get(i).split(",");
      assertArrayEquals(java.util.Arrays.copyOf(a, 6), java.util.Arrays.copyOf(b, 6), "place " + i);
      assertEquals(Double.parseDouble(a[6]), Double.parseDouble(b[6]), 2e-6, "place " + i);
    }
    DeepMetricException unknown = assertThrows(DeepMetricException.class,
        () -> TrackRanking.track(table, "CAM-02:999", tracks));
    assertTrue(unknown.getMessage().contains("has no such track"), unknown.getMessage());
  }

  @Test
  void badInputsEndInOneLineThatNamesThem() {
    DeepMetricException missing = assertThrows(DeepMetricException.class, () -> FeatureEncoding.run(spark,
        pb.toString(), dir.resolve("nowhere").toString(), dir.resolve("x.parquet").toString(), 4));
    assertTrue(missing.getMessage().startsWith("--images " + dir.resolve("nowhere")), missing.getMessage());
    assertFalse(missing.getMessage().contains("\n"));
    DeepMetricException notATable = assertThrows(DeepMetricException.class,
        () -> Tables.features(spark, "--gallery", dir.resolve("market").toString()));
    assertTrue(notATable.getMessage().contains("no Parquet table"), notATable.getMessage());
  }
}
