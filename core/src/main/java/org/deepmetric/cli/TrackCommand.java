package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepmetric.flags.Numbers;
import org.deepmetric.flags.MotFolders;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.SequenceTracking;
import org.deepmetric.infer.TrackingJob;
import org.deepmetric.io.Npy;
import org.deepmetric.track.Tracker;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric track}: deep_sort_app.py, with show_results.py's frames and generate_videos.py's video. */
@Command(name = "track", mixinStandardHelpOptions = true,
    header = "deep_sort's online tracker on MOTChallenge sequences: results, annotated frames, video.",
    description = {
        "Run deep_sort on one sequence (--sequence_dir, deep_sort_app.py's flags) or on every sequence of a folder "
            + "(--mot_dir). Appearance features come from a .npy that generate-detections wrote (deep_sort's "
            + "N x (10 + D) rows) or are computed from det/det.txt with --model. Writes MOTChallenge results, "
            + "frame,id,x,y,w,h,1,-1,-1,-1: the confirmed tracks matched in this or the previous frame."})
final class TrackCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @ArgGroup(exclusive = false)
    One one;

    @ArgGroup(exclusive = false)
    MotFolders many;
  }

  static final class One {
    @Option(names = "--sequence_dir", required = true, paramLabel = "DIR", description = "A MOTChallenge sequence.")
    Path sequenceDir;

    @Option(names = "--detection_file", paramLabel = "NPY", description = "Its detections with features (.npy).")
    Path detectionFile;

    @Option(names = "--output_file", required = true, paramLabel = "TXT", description = "The tracking results.")
    Path outputFile;
  }

  @Option(names = "--model", paramLabel = "PB|ONNX",
      description = "Compute features from det/det.txt with this frozen graph or deep_sort-layout ONNX model instead of reading a .npy.")
  Path model;

  @Option(names = "--min_confidence", defaultValue = "0.8", description = "Drop less confident detections (default: ${DEFAULT-VALUE}).")
  double minConfidence;

  @Option(names = "--nms_max_overlap", defaultValue = "1.0",
      description = "Non-maximum suppression overlap; 1.0 keeps all (default: ${DEFAULT-VALUE}).")
  double nmsMaxOverlap;

  @Option(names = "--min_detection_height", defaultValue = "0",
      description = "Drop lower boxes, in pixels (default: ${DEFAULT-VALUE}).")
  double minDetectionHeight;

  @Option(names = "--max_cosine_distance", defaultValue = "0.2",
      description = "Appearance gate; 0 leaves matching to IoU alone (default: ${DEFAULT-VALUE}).")
  double maxCosineDistance;

  @Option(names = "--nn_budget", defaultValue = "100", converter = Numbers.NonNegativeInt.class,
      description = "Appearance features kept per track, 0 for all (default: ${DEFAULT-VALUE}).")
  int nnBudget;

  @Option(names = "--max_age", defaultValue = "30", converter = Numbers.PositiveInt.class,
      description = "Frames a confirmed track survives unmatched (default: ${DEFAULT-VALUE}).")
  int maxAge;

  @Option(names = "--n_init", defaultValue = "3", converter = Numbers.PositiveInt.class,
      description = "Matches in a row that confirm a track (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--max_iou_distance", defaultValue = "0.7",
      description = "IoU matching gate, 1 - IoU (default: ${DEFAULT-VALUE}).")
  double maxIouDistance;

  @Option(names = "--output_frames", paramLabel = "DIR",
      description = "Write annotated JPEG frames here (a sub-folder per sequence with --mot_dir).")
  Path outputFrames;

  @Option(names = "--output_video", paramLabel = "MP4",
      description = "Write an H.264 MP4 of the annotated frames (with --mot_dir: a folder of <sequence>.mp4).")
  Path outputVideo;

  @Override
  public Integer call() {
    SequenceTracking.Options options = options();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (AppearanceModel encoder = model == null ? null : AppearanceModel.load(model)) {
      if (input.one != null) {
        One one = input.one;
        if (one.detectionFile == null && encoder == null) {
          throw new CommandLine.ParameterException(spec.commandLine(), "give --detection_file or --model");
        }
        long started = System.nanoTime();
        Npy.Matrix detections = encoder != null
            ? new DetectionFeatures(encoder, err).rows(MotSequence.read(one.sequenceDir, one.sequenceDir.getParent()))
            : Npy.read(one.detectionFile);
        report(out, one.sequenceDir, TrackingJob.run(one.sequenceDir, detections, options,
            new TrackingJob.Outputs(one.outputFile, outputFrames, outputVideo), err), one.outputFile, started);
        return 0;
      }
      MotFolders many = input.many;
      Path detectionRoot = many.detectionRoot();
      for (Path sequence : MotSequence.folders(many.motDir(), "img1", "det")) {
        String name = sequence.getFileName().toString();
        long started = System.nanoTime();
        Npy.Matrix detections = encoder != null
            ? new DetectionFeatures(encoder, err).rows(MotSequence.read(sequence, detectionRoot))
            : Npy.read(detectionRoot.resolve(name + ".npy"));
        Path results = many.outputDir().resolve(name + ".txt");
        TrackingJob.Outputs outputs = new TrackingJob.Outputs(results,
            outputFrames == null ? null : outputFrames.resolve(name),
            outputVideo == null ? null : outputVideo.resolve(name + ".mp4"));
        report(out, sequence, TrackingJob.run(sequence, detections, options, outputs, err), results, started);
      }
    }
    return 0;
  }

  private SequenceTracking.Options options() {
    check(minConfidence, "--min_confidence", Double.NEGATIVE_INFINITY);
    check(nmsMaxOverlap, "--nms_max_overlap", 0);
    check(minDetectionHeight, "--min_detection_height", 0);
    check(maxCosineDistance, "--max_cosine_distance", 0);
    check(maxIouDistance, "--max_iou_distance", 0);
    return new SequenceTracking.Options(minConfidence, nmsMaxOverlap, minDetectionHeight, maxCosineDistance, nnBudget,
        new Tracker.Settings(maxIouDistance, maxAge, nInit));
  }

  private void check(double value, String flag, double minimum) {
    if (!Double.isFinite(value) || value < minimum) {
      throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
          "%s must be a number of at least %s, got %s", flag, minimum, value));
    }
  }


  /** One line per sequence: tracking alone, and everything from reading the detections on (features with --model). */
  private static void report(PrintWriter out, Path sequence, TrackingJob.Summary summary, Path results, long started) {
    double total = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "%s: %d frames, %d boxes of %d tracks; tracking %.1f frames/s, %.1f frames/s in all"
        + " (%.1f s) -> %s%n", sequence.getFileName(), summary.frames(), summary.rows(), summary.ids(),
        summary.framesPerSecond(), summary.frames() / total, total, results);
  }
}
