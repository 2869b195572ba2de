package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepmetric.flags.Numbers;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.CustomDataset;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.Mars;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.eval.CustomEvaluation;
import org.deepmetric.eval.Market1501Evaluation;
import org.deepmetric.eval.MarsEvaluation;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import org.deepmetric.eval.RankedResultsPainter;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.eval.RankingTask;
import org.deepmetric.eval.Retrieval;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.Progress;
import org.deepmetric.models.FeatureEncoder;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.Precision;
import org.deepmetric.train.RunRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric evaluate}: the datasets' test protocols, without MATLAB. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    header = "Score a model on Market-1501, MARS or custom test protocols (CMC, mAP, mINP).",
    description = {
        "Score a model on a dataset's test split. Good = same person from another camera; junk "
            + "(person -1, and the same person from the query's camera) is taken out of the ranking; "
            + "distractors are negatives. Market-1501: every query/ crop against every bounding_box_test/ "
            + "crop, under both protocols. MARS: tracklet features are pooled and re-normalised; the "
            + "info/query_IDX.mat tracklets are the queries. Custom: query against gallery; without cameras every "
            + "gallery image of the query's identity is a true match. --protocol kit (default) is what the datasets' "
            + "MATLAB kits compute: for MARS the gallery is every test tracklet, queries included; AP by "
            + "the kits' trapezoid rule; every query counts. --protocol torchreid: for MARS the gallery is "
            + "the tracklets not in query_IDX, person -1 dropped; non-interpolated AP; queries without a "
            + "true match skipped. Every printed figure names its protocol."})
final class EvaluateCommand implements Callable<Integer> {
  /** The test layouts {@code --dataset} names. */
  enum Dataset {
    MARKET1501, MARS, CUSTOM;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset", required = true, description = "${COMPLETION-CANDIDATES}.")
  Dataset dataset;

  @Option(names = "--dataset_dir", required = true, paramLabel = "DIR",
      description = "The dataset's folder (for custom also a .csv list).")
  Path datasetDir;

  @Option(names = "--image_shape", paramLabel = "H,W", converter = ImageShapeConverter.class,
      description = "With --restore_path: the crop shape the network was trained on (default: the run's record, else"
          + " 128,64). A model declares its own: a different value is refused.")
  ImageShape imageShape;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--restore_path", paramLabel = "CKPT", description = "Features from this checkpoint.")
    Path checkpoint;

    @Option(names = "--model", paramLabel = "PB|ONNX",
        description = "Features from this model: a frozen graph (deep_sort's format), a deep_sort-layout ONNX model,"
            + " or a torchreid/boxmot ONNX model (float [N,3,H,W]).")
    Path model;

    @Option(names = "--features_dir", paramLabel = "DIR",
        description = "Features already exported: feat_query.mat and feat_test.mat (Market-1501) or feat_test.mat (MARS).")
    Path featuresDir;
  }

  @Option(names = "--protocol", defaultValue = "kit",
      description = "${COMPLETION-CANDIDATES}: the datasets' kits or torchreid's variant (default: ${DEFAULT-VALUE}).")
  Protocol protocol;

  @Option(names = "--pooling", defaultValue = "mean",
      description = "MARS: ${COMPLETION-CANDIDATES} of a tracklet's frame features; mean is what the original's README"
          + " asks of the kit, max the kit unmodified (default: ${DEFAULT-VALUE}).")
  MarsEvaluation.Pooling pooling;

  @Option(names = "--metric",
      description = "${COMPLETION-CANDIDATES}: cosine for cosine-softmax features, (squared) euclidean for triplet"
          + " and magnet (default: the one the run's loss mode trains for with --restore_path, else cosine).")
  Metric metric;

  @Option(names = "--rerank", description = "Apply k-reciprocal re-ranking (k1 20, k2 6, lambda 0.3).")
  boolean rerank;

  @Option(names = "--visualize", paramLabel = "K", defaultValue = "0", converter = Numbers.NonNegativeInt.class,
      description = "Write ranked-result pictures with each query's top K to --vis_dir (default: ${DEFAULT-VALUE}).")
  int visualize;

  @Option(names = "--vis_dir", paramLabel = "DIR", defaultValue = "ranked_results",
      description = "Folder for the pictures (default: ${DEFAULT-VALUE}).")
  Path visDir;

  @Option(names = "--vis_queries", defaultValue = "10", converter = Numbers.PositiveInt.class,
      description = "How many random queries to picture (default: ${DEFAULT-VALUE}).")
  int visQueries;

  @Option(names = "--vis_query", paramLabel = "NAME",
      description = "Picture this query (a file name in query/, or a tracklet's first frame for MARS); repeatable.")
  List<String> visQuery = new ArrayList<>();

  @Mixin
  SharedOptions.BatchSize batch = new SharedOptions.BatchSize(64);

  @Mixin
  SharedOptions.LoaderThreads loader;

  /** The checkpoint prefix --restore_path names, once resolved. */
  private Path checkpoint;
  /** The network of --restore_path's run, and whether its recipe had a BNNeck. */
  private ReidNetwork network = ReidNetwork.COSINE;
  private boolean bnNeck;

  @Override
  public Integer call() {
    if (!visQuery.isEmpty() && visualize == 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--vis_query needs --visualize K");
    }
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    readRunRecord();
    if (metric == null) {
      metric = Metric.COSINE;
    }
    RankingTask task = switch (dataset) {
      case MARKET1501 -> market1501();
      case MARS -> mars();
      case CUSTOM -> custom();
    };
    if (visualize > 0) {
      List<Path> files = RankedResultsPainter.paint(visDir, task, metric, visualize, visQuery, visQueries, 1);
      out.printf("wrote %d ranked-result pictures to %s%n", files.size(), visDir);
    }
    RankingMetrics metrics = Retrieval.evaluate(task, metric, rerank);
    if (metrics.queries() == 0) {
      throw new DeepMetricException(task.queries().isEmpty()
          ? datasetDir + ": no query images to score (none whose name the " + dataset + " layout reads)"
          : datasetDir + ": none of the " + task.queries().size() + " queries has a true match in the gallery (the same"
              + " identity from another camera), and --protocol " + protocol + " skips such queries");
    }
    out.printf("%s %s: %s; %s%n", dataset, rerank ? "re-ranked" : "test split", task.galleryRule(),
        protocol.rules());
    out.println(metrics.summary());
    out.printf(Locale.ROOT, "evaluated in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private RankingTask market1501() {
    Market1501 market = Market1501.open(datasetDir, false, this::warn);
    List<PersonImage> query = market.query();
    List<PersonImage> gallery = market.gallery();
    List<FeatureMatrix> features = features(List.of(query, gallery), List.of("feat_query.mat", "feat_test.mat"));
    return Market1501Evaluation.task(query, features.get(0), gallery, features.get(1), protocol);
  }

  private RankingTask mars() {
    Mars mars = Mars.open(datasetDir, false, this::warn);
    List<PersonImage> test = mars.test();
    FeatureMatrix features = features(List.of(test), List.of("feat_test.mat")).get(0);
    return MarsEvaluation.task(test, features, mars.testTracklets(), mars.queryRows(), protocol, pooling);
  }

  private RankingTask custom() {
    CustomDataset custom = CustomDataset.open(datasetDir, false, this::warn);
    List<PersonImage> query = custom.query();
    List<PersonImage> gallery = custom.gallery();
    if (query.isEmpty() || gallery.isEmpty()) {
      throw new DeepMetricException(datasetDir + ": evaluation needs query and gallery images; found " + query.size()
          + " and " + gallery.size());
    }
    List<FeatureMatrix> features = features(List.of(query, gallery), List.of("feat_query.mat", "feat_test.mat"));
    return CustomEvaluation.task(query, features.get(0), gallery, features.get(1), protocol, custom.camerasKnown());
  }

  /**
   * The features of each image list: read from {@code matFiles} in --features_dir, or encoded by
   * the one model --restore_path or --model names.
   */
  private List<FeatureMatrix> features(List<List<PersonImage>> lists, List<String> matFiles) {
    List<FeatureMatrix> features = new ArrayList<>();
    if (source.featuresDir != null) {
      for (int i = 0; i < lists.size(); i++) {
        features.add(MatFeatures.read(source.featuresDir.resolve(matFiles.get(i)), lists.get(i).size()));
      }
      return features;
    }
    int total = lists.stream().mapToInt(List::size).sum();
    try (FeatureEncoder encoder = encoder(); CropLoader crops = new CropLoader(loader.loaderThreads);
         Progress progress = Progress.start(spec.commandLine().getErr(), "encode", 0, total)) {
      int before = 0;
      for (List<PersonImage> images : lists) {
        int offset = before;
        features.add(encoder.encode(images, crops, batch.batchSize, done -> progress.stepTo(offset + done, "crops")));
        before += images.size();
      }
    }
    return features;
  }

  private FeatureEncoder encoder() {
    if (source.model != null) {
      AppearanceModel model = AppearanceModel.load(source.model);
      ImageShape declared = model.inputShape();
      if (imageShape != null && !imageShape.equals(declared)) {
        model.close();
        throw new CommandLine.ParameterException(spec.commandLine(), "--image_shape " + imageShape + " contradicts "
            + source.model + ", whose input is " + declared + " crops; leave the flag out");
      }
      return model;
    }
    return ReidEncoder.restore(checkpoint, ReidEncoder.ChannelOrder.RGB, Precision.FP32,
        imageShape != null ? imageShape : network.defaultShape(), network, bnNeck);
  }

  /**
   * With --restore_path, the crop shape and distance the run's record gives where the flags are
   * left out (a flag that contradicts the record is a usage error).
   */
  private void readRunRecord() {
    if (source.checkpoint == null) {
      return;
    }
    checkpoint = CheckpointStore.resolve(source.checkpoint);
    RunFlags run = new RunFlags(spec.commandLine(), checkpoint.getParent());
    imageShape = run.resolve("--image_shape", imageShape, RunRecord::imageShape);
    network = run.recorded(RunRecord::network).orElse(ReidNetwork.COSINE);
    bnNeck = run.recorded(RunRecord::recipe).map(recipe -> recipe.graph().bnNeck()).orElse(false);
    if (metric == null) {
      metric = run.recorded(RunRecord::lossMode).map(LossMode::metric).orElse(null);
    }
  }

  private void warn(String message) {
    spec.commandLine().getErr().println("warning: " + message);
  }
}
