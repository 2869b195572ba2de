package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.export.MatFeatures;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.export.OsNetOnnxWeights;
import org.deepmetric.flags.Numbers;
import org.deepmetric.io.BuildInfo;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LossMode;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.train.Recipe;
import org.deepmetric.train.ReidTrainingConfig;
import org.deepmetric.train.RunRecord;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The flags that {@code train_market1501.py} and {@code train_mars.py} share, spelled as there;
 * {@code --mode} picks the {@link ReidMode} handler, which gets one {@link ReidRun} built here from
 * the flags and the run's {@link RunRecord}, plus its own settings; the subclasses say which
 * dataset layout to open and where export writes.
 */
abstract class ReidCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset_dir", paramLabel = "DIR",
      description = "The dataset's folder (train, eval and export; freeze, finalize, savedmodel and onnx need only a checkpoint).")
  Path datasetDir;

  @Option(names = "--mode", defaultValue = "train", paramLabel = "MODE", description = {
      "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}):",
      "train: train, resuming the run folder's latest checkpoint",
      "eval: evaluate each new checkpoint of the run on its validation identities (CMC)",
      "export: write test-split features as .mat files for the dataset's evaluation kit",
      "freeze: write a frozen graph for deep_sort (images uint8 BGR -> features)",
      "finalize: write a checkpoint of the network's variables only",
      "savedmodel: write a SavedModel (serving_default: images -> features)",
      "onnx: write an ONNX model (opset 17) for ONNX Runtime, deep_sort or boxmot (see --onnx_layout)"})
  ReidMode mode;

  @Option(names = "--loss_mode", defaultValue = "cosine-softmax",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  LossMode lossMode;

  @Option(names = "--network", defaultValue = "cosine",
      description = "train: cosine (the seed's network, 128-d features of 128x64 crops) or OSNet (torchreid's"
          + " osnet_x0_25, osnet_x0_5, osnet_x0_75, osnet_x1_0: 512-d features of 256x128 crops unless --image_shape"
          + " says otherwise); the other modes read it from the run (default: ${DEFAULT-VALUE}).")
  ReidNetwork network;

  @Option(names = "--init_from", paramLabel = "ONNX",
      description = "train: start a new run from an OSNet ONNX model as torchreid or boxmot export it (float"
          + " [N,3,H,W], any width, batch norms folded or not): its weights mapped by structure, checked to give"
          + " its features, a new classifier; --network follows the model.")
  Path initFrom;

  @Option(names = "--image_shape", paramLabel = "H,W", converter = ImageShapeConverter.class,
      description = "Crop height and width the images are resized to; the network's shapes follow (default: the run's,"
          + " else 128,64 for cosine and 256,128 for OSNet).")
  ImageShape requestedShape;

  @Option(names = "--log_dir", paramLabel = "DIR",
      description = "Parent of the run folder (default: ./output/<dataset>).")
  Path logDir;

  @Option(names = "--run_id", paramLabel = "NAME",
      description = "Run folder under --log_dir: checkpoints, events, split, log (default: the loss mode).")
  String runId;

  @Mixin
  SharedOptions.RestorePath restore;

  @Mixin
  SharedOptions.BatchSize batch = new SharedOptions.BatchSize(128);

  @Option(names = "--learning_rate", defaultValue = "0.001", converter = Numbers.PositiveFloat.class,
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--number_of_steps", defaultValue = "0", converter = Numbers.NonNegativeLong.class,
      description = "Global step to stop at; 0 trains until Ctrl-C, which saves first (default: ${DEFAULT-VALUE}).")
  long numberOfSteps;

  @Mixin
  SharedOptions.PrecisionOption precision;

  @Option(names = "--recipe", defaultValue = "seed", description = "train: ${COMPLETION-CANDIDATES} (default:"
      + " ${DEFAULT-VALUE}). seed: the original's, made for 100,000 GPU steps (batch-norm decay 0.999; cosine-softmax"
      + " scale from 0.69, decayed; batches of 128). cpu: for an hour or less on a CPU (decay 0.99; scale from 10, not"
      + " decayed; plus the batch-hard triplet loss; warm-up and cosine decay of the learning rate over the budget;"
      + " colour, shift and erasing augmentation; batches of 64 unless --batch_size says otherwise). The network and"
      + " every export are the same under both.")
  Recipe recipe;

  @Option(names = "--max_minutes", paramLabel = "M", defaultValue = "0", converter = Numbers.NonNegativeMinutes.class,
      description = "train: stop after M minutes of training (then checkpoint, as at --number_of_steps); 0 for no"
          + " limit (default: ${DEFAULT-VALUE}).")
  double maxMinutes;

  @Option(names = "--save_interval_secs", defaultValue = "300", converter = Numbers.PositiveSeconds.class,
      description = "Seconds between checkpoints (default: ${DEFAULT-VALUE}).")
  double saveIntervalSecs;

  @Option(names = "--save_summaries_secs", defaultValue = "60", converter = Numbers.PositiveSeconds.class,
      description = "Seconds between TensorBoard summaries (default: ${DEFAULT-VALUE}).")
  double saveSummariesSecs;

  @Option(names = "--keep_checkpoints", defaultValue = "5", converter = Numbers.NonNegativeInt.class,
      description = "Newest checkpoints to keep, 0 for all as the original did (default: ${DEFAULT-VALUE}).")
  int keepCheckpoints;

  @Option(names = "--strict", description = {
      "Stop at the first file in a dataset folder whose name breaks the dataset's convention or that is not a",
      ".jpg; without it, such files are skipped with one warning line per folder naming the first."})
  boolean strict;

  @Mixin
  SharedOptions.LoaderThreads loader;

  @Mixin
  SharedOptions.Seed seed;

  @Option(names = "--eval_log_dir", paramLabel = "DIR",
      description = "eval: where RUN_ID's TensorBoard events and cmc.csv go (default: ./eval_output/<dataset>).")
  Path evalLogDir;

  @Option(names = "--eval_interval_secs", defaultValue = "60", converter = Numbers.PositiveSeconds.class,
      description = "eval: seconds between looks at the run folder (default: ${DEFAULT-VALUE}).")
  double evalIntervalSecs;

  @Option(names = "--once", description = "eval: evaluate the latest checkpoint (or --restore_path) and exit;"
      + " exit status 1 when there is none or it fails.")
  boolean once;

  @Option(names = "--mat_layout", defaultValue = "columns",
      description = "export: ${COMPLETION-CANDIDATES}; columns is 128 x N, what the MATLAB kits compute with,"
          + " rows is N x 128, as the original wrote (default: ${DEFAULT-VALUE}).")
  MatFeatures.Layout matLayout;

  @Mixin
  SharedOptions.CheckpointNamesOption checkpointNames;

  @Option(names = "--onnx_layout", defaultValue = "deep_sort", description = {
      "onnx: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); deep_sort takes 'images' uint8 BGR [N,H,W,3] as the",
      "frozen graph does; boxmot takes float32 RGB [N,3,256,128] normalised by ImageNet's mean and deviation, as",
      "boxmot's ONNX re-ID backend feeds it, and resizes inside the model."})
  OnnxExport.Layout onnxLayout;

  @Mixin
  SharedOptions.Quantize quantize;

  @Option(names = "--calibration_dir", paramLabel = "DIR", description = "onnx --quantize int8: a folder of .jpg/.png"
      + " crops to calibrate on (default: 256 training crops of --dataset_dir).")
  Path calibrationDir;

  @Mixin
  SharedOptions.Output output;

  abstract String datasetName();

  abstract ReidDataset open(Path dir, boolean strict, Consumer<String> warn);

  /** How many random galleries the validation protocol draws (10 for Market-1501, 20 for MARS). */
  abstract int validationGalleries();

  /** Where export writes which test images, in the order the dataset's evaluation kit expects. */
  abstract Map<Path, List<PersonImage>> exportTargets(ReidDataset data);


  @Override
  public Integer call() throws InterruptedException {
    CommandLine command = spec.commandLine();
    if (datasetDir == null && mode.needsDataset()) {
      throw new CommandLine.ParameterException(command, "--mode=" + mode + " needs --dataset_dir");
    }
    if (quantize.int8(command, "--calibration_dir and --force go with --quantize int8",
        calibrationDir != null) && mode != ReidMode.ONNX) {
      throw new CommandLine.ParameterException(command, "--quantize is for --mode=onnx");
    }
    Path runDir = runDir();
    // Training records its own run; the other modes read the record beside the checkpoint they use.
    RunFlags run = new RunFlags(command, mode == ReidMode.TRAIN || restore.restorePath == null ? runDir
        : CheckpointStore.resolve(restore.restorePath).getParent());
    run.requireDataset(datasetName());
    LossMode loss = run.resolve("--loss_mode", lossMode, RunRecord::lossMode);
    Recipe trainedWith = run.resolve("--recipe", recipe, RunRecord::recipe);
    if (initFrom != null && mode != ReidMode.TRAIN) {
      throw new CommandLine.ParameterException(command, "--init_from is for --mode=train");
    }
    OsNetOnnxWeights.Mapped init = initFrom == null ? null : OsNetOnnxWeights.read(initFrom);
    if (init != null && command.getParseResult().hasMatchedOption("--network") && network != init.network()) {
      throw new CommandLine.ParameterException(command, "--network " + network + " contradicts --init_from "
          + initFrom + ", an " + init.network());
    }
    ReidNetwork net = run.resolve("--network", init != null ? init.network() : network, RunRecord::network);
    ImageShape shape = run.resolve("--image_shape", requestedShape, RunRecord::imageShape);
    ImageShape imageShape = shape != null ? shape : net.defaultShape();
    PrintWriter err = command.getErr();
    ReidRun shared = new ReidRun(runDir, imageShape, net, trainedWith.graph().bnNeck(), () -> checkpoint(runDir),
        () -> open(datasetDir, strict, this::warn), batch.batchSize, loader.loaderThreads, command.getOut(), err);
    ReidMode.Handler handler = switch (mode) {
      case TRAIN -> new ReidTrainMode(trainingConfig(runDir, loss, trainedWith, imageShape).network(net).build(),
          init == null ? null : new ReidInitFrom(initFrom, init));
      case EVAL -> new ReidEvalMode((evalLogDir != null ? evalLogDir : Path.of("eval_output", datasetName()))
          .resolve(runDir.getFileName()), evalIntervalSecs, once, validationGalleries(), loss.metric());
      case EXPORT -> new ReidExportMode(matLayout, this::exportTargets);
      case FREEZE -> new ReidFreezeMode(output.or(Path.of(datasetName() + ".pb")), precision.effective(err));
      case FINALIZE -> new ReidFinalizeMode(output.or(Path.of(datasetName() + ".ckpt")), checkpointNames.names);
      case SAVEDMODEL -> new ReidSavedModelMode(output.or(Path.of(datasetName() + "_savedmodel")));
      case ONNX -> new ReidOnnxMode(output.or(Path.of(datasetName() + ".onnx")), onnxLayout,
          Map.of("version", BuildInfo.version(), "dataset", datasetName(), "loss_mode", loss.toString()), int8());
    };
    handler.run(shared);
    return 0;
  }

  /** The int8 export --quantize asks for, else null; only the deep_sort layout is quantized. */
  private ReidInt8Export int8() {
    if (quantize.quantize == null) {
      return null;
    }
    if (onnxLayout != OnnxExport.Layout.DEEP_SORT) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--quantize int8 writes the deep_sort layout;"
          + " leave out --onnx_layout " + onnxLayout);
    }
    return new ReidInt8Export(calibrationDir, quantize.force, datasetDir != null);
  }

  private ReidTrainingConfig.Builder trainingConfig(Path runDir, LossMode loss, Recipe trainedWith, ImageShape shape) {
    // Without --batch_size (0) the recipe picks: 128 as the original, 64 for --recipe cpu.
    int batchSize = spec.commandLine().getParseResult().hasMatchedOption("--batch_size") ? batch.batchSize : 0;
    if (batchSize % ReidTrainingConfig.IMAGES_PER_IDENTITY != 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--batch_size must be a multiple of "
          + ReidTrainingConfig.IMAGES_PER_IDENTITY + " (images per identity), got " + batchSize);
    }
    return ReidTrainingConfig.in(runDir).lossMode(loss).recipe(trainedWith).batchSize(batchSize)
        .learningRate(learningRate).numberOfSteps(numberOfSteps).maxMinutes(maxMinutes)
        .restorePath(restore.restorePath).precision(precision.effective(spec.commandLine().getErr()))
        .saveIntervalSecs(saveIntervalSecs).saveSummariesSecs(saveSummariesSecs).keepCheckpoints(keepCheckpoints)
        .loaderThreads(loader.loaderThreads).seed(seed.seed).imageShape(shape);
  }

  void warn(String message) {
    spec.commandLine().getErr().println("warning: " + message);
    spec.commandLine().getErr().flush();
  }

  private Path runDir() {
    return (logDir != null ? logDir : Path.of("output", datasetName())).resolve(runId != null ? runId : lossMode.toString());
  }

  /** --restore_path, or the run folder's latest checkpoint. */
  private Path checkpoint(Path runDir) {
    if (restore.restorePath != null) {
      return CheckpointStore.resolve(restore.restorePath);
    }
    return new CheckpointStore(runDir, 0).latest().orElseThrow(() -> new DeepMetricException(
        "no checkpoint in " + runDir + ": pass --restore_path or train first"));
  }

  /** The Market-1501 kit's export files in {@code dir}: feat_test.mat (the gallery), then feat_query.mat. */
  static Map<Path, List<PersonImage>> galleryAndQueryFiles(Path dir, List<PersonImage> gallery,
      List<PersonImage> query) {
    Map<Path, List<PersonImage>> targets = new LinkedHashMap<>();
    targets.put(dir.resolve("feat_test.mat"), gallery);
    targets.put(dir.resolve("feat_query.mat"), query);
    return targets;
  }
}
