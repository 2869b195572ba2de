package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.Mars;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Tracklet;
import org.deepmetric.eval.FeatureMatrix;
import org.deepmetric.eval.Market1501Evaluation;
import org.deepmetric.eval.MarsEvaluation;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.RankedResultsPainter;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.infer.FrozenFeatureEncoder;
import org.deepmetric.models.FeatureEncoder;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.train.CheckpointStore;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric evaluate}: the datasets' test protocols, without MATLAB. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    header = "Score a model on Market-1501 or MARS test protocols (CMC, mAP, mINP).",
    description = {
        "Score a model on a dataset's test split as its official kit does.",
        "Market-1501: every query/ crop against bounding_box_test/; good = same person, other camera;",
        "junk (-1, and the same person from the same camera) is skipped. MARS: tracklet features are",
        "averaged and re-normalised; info/query_IDX.mat tracklets against the rest.",
        "Prints CMC rank-1/5/10/20, mAP by the official kit's trapezoid rule and torchreid's",
        "non-interpolated mAP (they differ slightly), and mINP."})
final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset", required = true, description = "market1501 or mars.")
  String dataset;

  @Option(names = "--dataset_dir", required = true, paramLabel = "DIR", description = "The dataset's folder.")
  Path datasetDir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--restore_path", paramLabel = "CKPT", description = "Features from this checkpoint.")
    Path checkpoint;

    @Option(names = "--model", paramLabel = "PB", description = "Features from this frozen graph (deep_sort's format).")
    Path frozenGraph;

    @Option(names = "--features_dir", paramLabel = "DIR",
        description = "Features already exported: feat_query.mat and feat_test.mat (Market-1501) or feat_test.mat (MARS).")
    Path featuresDir;
  }

  @Option(names = "--metric", defaultValue = "cosine",
      description = "cosine (cosine-softmax features) or euclidean (squared; triplet and magnet) (default: ${DEFAULT-VALUE}).")
  String metricName;

  @Option(names = "--rerank", description = "Apply k-reciprocal re-ranking (k1 20, k2 6, lambda 0.3).")
  boolean rerank;

  @Option(names = "--visualize", paramLabel = "K", defaultValue = "0",
      description = "Write ranked-result pictures with each query's top K to --vis_dir.")
  int visualize;

  @Option(names = "--vis_dir", paramLabel = "DIR", defaultValue = "ranked_results",
      description = "Folder for the pictures (default: ${DEFAULT-VALUE}).")
  Path visDir;

  @Option(names = "--vis_queries", defaultValue = "10", description = "How many random queries to picture (default: ${DEFAULT-VALUE}).")
  int visQueries;

  @Option(names = "--vis_query", paramLabel = "NAME",
      description = "Picture this query (a file name in query/, or a tracklet's first frame for MARS); repeatable.")
  List<String> visQuery = new ArrayList<>();

  @Option(names = "--batch_size", defaultValue = "64", description = "Crops per encoding batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--loader_threads", defaultValue = "4", description = "JPEG decoding threads (default: ${DEFAULT-VALUE}).")
  int loaderThreads;

  @Override
  public Integer call() {
    Metric metric = switch (metricName) {
      case "cosine" -> Metric.COSINE;
      case "euclidean" -> Metric.SQUARED_EUCLIDEAN;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--metric must be cosine or euclidean, got '" + metricName + "'");
    };
    Checks.positive(spec, "--batch_size", batchSize);
    long started = System.nanoTime();
    RankingMetrics metrics = switch (dataset) {
      case "market1501" -> market1501(metric);
      case "mars" -> mars(metric);
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--dataset must be market1501 or mars, got '" + dataset + "'");
    };
    System.out.println((rerank ? "re-ranked: " : "") + metrics.summary());
    System.out.printf("evaluated in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private RankingMetrics market1501(Metric metric) {
    Market1501 market = Market1501.open(datasetDir, false, ReidCommand::warn);
    List<PersonImage> query = market.query();
    List<PersonImage> gallery = market.gallery();
    FeatureMatrix queryFeatures;
    FeatureMatrix galleryFeatures;
    if (source.featuresDir != null) {
      queryFeatures = MatFeatures.read(source.featuresDir.resolve("feat_query.mat"), query.size());
      galleryFeatures = MatFeatures.read(source.featuresDir.resolve("feat_test.mat"), gallery.size());
    } else {
      try (FeatureEncoder encoder = encoder(); CropLoader loader = new CropLoader(loaderThreads)) {
        queryFeatures = encoder.encode(query, loader, batchSize);
        galleryFeatures = encoder.encode(gallery, loader, batchSize);
      }
    }
    picture(query, queryFeatures, gallery, galleryFeatures, metric);
    return Market1501Evaluation.evaluate(query, queryFeatures, gallery, galleryFeatures, metric, rerank);
  }

  private RankingMetrics mars(Metric metric) {
    Mars mars = Mars.open(datasetDir, false, ReidCommand::warn);
    List<PersonImage> test = mars.test();
    List<Tracklet> tracklets = mars.testTracklets();
    int[] queryRows = mars.queryRows();
    FeatureMatrix features;
    if (source.featuresDir != null) {
      features = MatFeatures.read(source.featuresDir.resolve("feat_test.mat"), test.size());
    } else {
      try (FeatureEncoder encoder = encoder(); CropLoader loader = new CropLoader(loaderThreads)) {
        features = encoder.encode(test, loader, batchSize);
      }
    }
    if (visualize > 0) {
      // A tracklet is pictured by its first frame.
      FeatureMatrix pooled = MarsEvaluation.pool(features, tracklets);
      List<PersonImage> firstFrames = new ArrayList<>();
      tracklets.forEach(t -> firstFrames.add(test.get(t.start())));
      picture(rows(firstFrames, queryRows), pooled.rows(queryRows), firstFrames, pooled, metric);
    }
    return MarsEvaluation.evaluate(test, features, tracklets, queryRows, metric, rerank);
  }

  private FeatureEncoder encoder() {
    if (source.frozenGraph != null) {
      return FrozenFeatureEncoder.load(source.frozenGraph);
    }
    return ReidEncoder.restore(CheckpointStore.resolve(source.checkpoint), ReidEncoder.ChannelOrder.RGB);
  }

  private void picture(List<PersonImage> query, FeatureMatrix queryFeatures, List<PersonImage> gallery,
      FeatureMatrix galleryFeatures, Metric metric) {
    if (visualize > 0) {
      List<Path> files = RankedResultsPainter.paint(visDir, query, queryFeatures, gallery, galleryFeatures, metric,
          visualize, visQuery, visQueries, 1);
      System.out.printf("wrote %d ranked-result pictures to %s%n", files.size(), visDir);
    }
  }

  private static List<PersonImage> rows(List<PersonImage> items, int[] rows) {
    List<PersonImage> out = new ArrayList<>();
    for (int row : rows) {
      out.add(items.get(row));
    }
    return out;
  }
}
