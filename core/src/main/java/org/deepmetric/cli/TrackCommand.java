package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepmetric.flags.Numbers;
import org.deepmetric.flags.MotFolders;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.DetectionTable;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.SequenceTracking;
import org.deepmetric.infer.TrackingJob;
import org.deepmetric.infer.VideoTracking;
import org.deepmetric.data.video.FrameSource;
import org.deepmetric.data.video.FrameSources;
import org.deepmetric.detect.Detector;
import java.util.List;
import org.deepmetric.io.Npy;
import org.deepmetric.track.CameraCompensation;
import org.deepmetric.track.TrackerAlgorithm;
import org.deepmetric.track.TrackerSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code deepmetric track}: deep_sort_app.py and the other trackers' own scripts, with
 * show_results.py's frames and generate_videos.py's video.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
    header = "Online multi-object tracking (deep_sort, StrongSORT, ByteTrack, BoT-SORT, OC-SORT, Deep OC-SORT) on"
        + " videos, streams, cameras and MOTChallenge sequences: results, annotated frames, video.",
    description = {
        "Track on a video, stream, camera or folder of images (--source, people found by --detector), on one "
            + "MOTChallenge sequence (--sequence_dir, deep_sort_app.py's flags) or on every sequence of a folder "
            + "(--mot_dir), with the --tracker chosen. Appearance features come from --model (a deepmetric or "
            + "deep_sort .pb, a deepmetric ONNX model, or a torchreid/boxmot ONNX model such as OSNet) or, for "
            + "sequences, from a .npy that generate-detections wrote. Writes MOTChallenge results as each tracker's "
            + "own scripts write them: deep_sort's frame,id,x,y,w,h,1,-1,-1,-1 (the confirmed tracks matched in this "
            + "or the previous frame), or the others' frame,id,x,y,w,h,score,-1,-1,-1."})
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

    @Option(names = "--source", paramLabel = "SRC",
        description = "A video file (any container and codec FFmpeg reads), a folder or glob of images, an rtsp:// or "
            + "http:// stream, or a camera (/dev/video0 or its index); people are found by --detector.")
    String source;
  }

  static final class One {
    @Option(names = "--sequence_dir", required = true, paramLabel = "DIR", description = "A MOTChallenge sequence.")
    Path sequenceDir;

    @Option(names = "--detection_file", paramLabel = "NPY", description = "Its detections with features (.npy).")
    Path detectionFile;
  }

  @Option(names = "--output_file", paramLabel = "TXT",
      description = "The tracking results (with --sequence_dir or --source; --mot_dir writes <sequence>.txt files).")
  Path outputFile;

  @Option(names = "--model", paramLabel = "PB|ONNX",
      description = "The appearance model: a deepmetric or deep_sort frozen graph, a deepmetric ONNX model, or a"
          + " torchreid/boxmot ONNX model (float [N,3,H,W]); for sequences, features are computed from det/det.txt"
          + " instead of read from a .npy.")
  Path model;

  @Option(names = "--tracker", defaultValue = "deepsort", paramLabel = "NAME",
      description = "deepsort (deep_sort_app's tracker), strongsort (deep_sort with StrongSORT's NSA Kalman filter, EMA"
          + " features, appearance and motion cost, one assignment instead of the cascade), bytetrack (ByteTrack's"
          + " two-stage IoU association), botsort (BoT-SORT: ByteTrack's association with an (x, y, w, h) Kalman"
          + " filter, appearance fused with IoU when there are features, and camera-motion compensation) or ocsort"
          + " (OC-SORT: SORT with observation-centric momentum, recovery and re-update) or deepocsort (Deep OC-SORT:"
          + " OC-SORT with appearance, an (x, y, w, h) Kalman filter and camera-motion compensation)."
          + " bytetrack, botsort and ocsort need no appearance model: without --model or --detection_file they read"
          + " det/det.txt (default: ${DEFAULT-VALUE}).")
  TrackerAlgorithm tracker;

  @Option(names = "--track_thresh", defaultValue = "0.6",
      description = "bytetrack, botsort: detections above this are associated first; ocsort: only detections above"
          + " this are tracked, those between 0.1 and it join the BYTE round of --use_byte"
          + " (default: ${DEFAULT-VALUE}).")
  double trackThresh;

  @Option(names = "--cmc", paramLabel = "sparse|ecc|none",
      description = "strongsort, botsort, deepocsort: camera-motion compensation between frames: BoT-SORT's sparse"
          + " optical flow, StrongSORT's ECC, or none (Deep OC-SORT's cmc_off) (default: sparse for botsort and"
          + " deepocsort, none for strongsort, as their authors run them).")
  CameraCompensation cmc;

  @Option(names = "--new_track_thresh", defaultValue = "0.7",
      description = "botsort: the least score that starts a track (bytetrack: --track_thresh + 0.1)"
          + " (default: ${DEFAULT-VALUE}).")
  double newTrackThresh;

  @Option(names = "--match_thresh", paramLabel = "COST",
      description = "bytetrack, botsort: the first association's largest cost, 1 - IoU x score (default: ByteTrack's"
          + " 0.9, BoT-SORT's 0.8).")
  Double matchThresh;

  @Option(names = "--track_buffer", defaultValue = "30", converter = Numbers.PositiveInt.class,
      description = "bytetrack, botsort: frames a lost track is kept, at 30 frames/s (default: ${DEFAULT-VALUE}).")
  int trackBuffer;

  @Option(names = "--min_box_area", paramLabel = "PIXELS",
      description = "bytetrack, botsort, ocsort: boxes of this many pixels or fewer are not reported (default:"
          + " ByteTrack's 100, BoT-SORT's and OC-SORT's 10).")
  Double minBoxArea;

  @Option(names = "--iou_thresh", defaultValue = "0.3",
      description = "ocsort: the least IoU of a match (default: ${DEFAULT-VALUE}).")
  double iouThresh;

  @Option(names = "--deltat", defaultValue = "3", converter = Numbers.PositiveInt.class, paramLabel = "FRAMES",
      description = "ocsort: how many observations back a track's direction is measured from"
          + " (default: ${DEFAULT-VALUE}).")
  int deltaT;

  @Option(names = "--inertia", defaultValue = "0.2",
      description = "ocsort: the weight of direction consistency in the first round's cost (default: ${DEFAULT-VALUE}).")
  double inertia;

  @Option(names = "--use_byte",
      description = "ocsort: also match detections scoring between 0.1 and --track_thresh to the tracks left over, by"
          + " IoU, as ByteTrack does.")
  boolean useByte;

  @Option(names = "--skip_empty_frames",
      description = "Do not call the tracker on a frame without any detection, as the evaluation scripts of ByteTrack,"
          + " BoT-SORT, OC-SORT and Deep OC-SORT do (their detector returns nothing there): their rows exactly."
          + " Without it every frame is tracked, so tracks age through empty frames.")
  boolean skipEmptyFrames;

  @Option(names = "--w_assoc_emb", defaultValue = "0.75",
      description = "deepocsort: the weight of appearance similarity in the first round's cost"
          + " (default: ${DEFAULT-VALUE}).")
  double wAssocEmb;

  @Option(names = "--alpha_fixed_emb", defaultValue = "0.95",
      description = "deepocsort: a track's feature keeps at least this share of its past each update, more the less"
          + " confident the detection (default: ${DEFAULT-VALUE}).")
  double alphaFixedEmb;

  @Option(names = "--aw_param", defaultValue = "0.5",
      description = "deepocsort: adaptive weighting's largest bonus gap (default: ${DEFAULT-VALUE}).")
  double awParam;

  @Option(names = "--aw_off", description = "deepocsort: no adaptive weighting of appearance.")
  boolean awOff;

  @Option(names = "--emb_off", description = "deepocsort: no appearance at all.")
  boolean embOff;

  @Option(names = "--new_kf_off", description = "deepocsort: OC-SORT's (x, y, area, aspect) Kalman filter instead of"
      + " its (x, y, w, h) one.")
  boolean newKfOff;

  @Option(names = "--min_confidence", paramLabel = "SCORE",
      description = "Drop less confident detections (default: deep_sort's 0.8 or StrongSORT's 0.6 for det.txt and .npy"
          + " detections; 0 with --source, whose detector applies its own threshold).")
  Double minConfidence;

  @Mixin
  SourceOptions sourceOptions;

  @Option(names = "--save_sequence", paramLabel = "DIR",
      description = "With --source: also write the input as a MOTChallenge sequence (img1/, det/det.txt, seqinfo.ini"
          + " and, with --model, det/<name>.npy for deep_sort_app.py --detection_file).")
  Path saveSequence;

  @Option(names = "--nms_max_overlap", defaultValue = "1.0",
      description = "Non-maximum suppression overlap; 1.0 keeps all (default: ${DEFAULT-VALUE}).")
  double nmsMaxOverlap;

  @Option(names = "--min_detection_height", defaultValue = "0",
      description = "Drop lower boxes, in pixels (default: ${DEFAULT-VALUE}).")
  double minDetectionHeight;

  @Option(names = "--max_cosine_distance", paramLabel = "D",
      description = "Appearance gate; 0 leaves matching to IoU alone (default: deep_sort's 0.2, StrongSORT's 0.35).")
  Double maxCosineDistance;

  @Option(names = "--nn_budget", converter = Numbers.NonNegativeInt.class, paramLabel = "N",
      description = "Appearance features kept per track, 0 for all (default: deep_sort's 100; StrongSORT's EMA keeps 1).")
  Integer nnBudget;

  @Option(names = "--max_age", defaultValue = "30", converter = Numbers.PositiveInt.class,
      description = "deepsort, strongsort, ocsort: frames a track survives unmatched (default: ${DEFAULT-VALUE}).")
  int maxAge;

  @Option(names = {"--n_init", "--min_hits"}, defaultValue = "3", converter = Numbers.PositiveInt.class,
      description = "deepsort, strongsort (n_init), ocsort (min_hits): matches in a row that confirm a track"
          + " (default: ${DEFAULT-VALUE}).")
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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (input.source == null && (saveSequence != null || sourceOptions.maxFrames != 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), (saveSequence != null ? "--save_sequence" : "--max_frames")
          + " is for --source; a MOTChallenge sequence already is one");
    }
    // Flags are checked before any model is loaded: a usage error is exit 2 whatever the files.
    SequenceTracking.Options options = options();
    if (input.source != null) {
      sourceOptions.check(spec.commandLine());
    }
    try (AppearanceModel encoder = model == null ? null : AppearanceModel.load(model)) {
      if (encoder != null) {
        err.println(encoder.startLine(model));
      }
      if (input.one != null) {
        One one = input.one;
        Path outputFile = requiredOutputFile();
        if (one.detectionFile == null && encoder == null && tracker.needsAppearance()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "give --detection_file or --model");
        }
        long started = System.nanoTime();
        DetectionTable detections = detections(one.sequenceDir, one.sequenceDir.getParent(), one.detectionFile, encoder,
            err);
        report(out, one.sequenceDir, TrackingJob.run(one.sequenceDir, detections, options,
            new TrackingJob.Outputs(outputFile, outputFrames, outputVideo), err), outputFile, started);
        return 0;
      }
      if (input.source != null) {
        return trackSource(input.source, requiredOutputFile(), encoder, options, out, err);
      }
      if (outputFile != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--output_file is for one sequence or source; with --mot_dir the results go to --output_dir/<sequence>.txt");
      }
      MotFolders many = input.many;
      Path detectionRoot = many.detectionRoot();
      for (Path sequence : MotSequence.folders(many.motDir(), "img1", "det")) {
        String name = sequence.getFileName().toString();
        long started = System.nanoTime();
        DetectionTable detections = detections(sequence, detectionRoot,
            many.detectionDir() == null && !tracker.needsAppearance() ? null
                : detectionRoot.resolve(name + ".npy"), encoder, err);
        Path results = many.outputDir().resolve(name + ".txt");
        TrackingJob.Outputs outputs = new TrackingJob.Outputs(results,
            outputFrames == null ? null : outputFrames.resolve(name),
            outputVideo == null ? null : outputVideo.resolve(name + ".mp4"));
        report(out, sequence, TrackingJob.run(sequence, detections, options, outputs, err), results, started);
      }
    }
    return 0;
  }

  /**
   * A sequence's detections: computed by the model from det.txt, read from the .npy, or (for
   * trackers that need no appearance, with neither) det.txt's rows as they are.
   */
  private static DetectionTable detections(Path sequence, Path detectionRoot, Path npy, AppearanceModel encoder,
      PrintWriter err) {
    if (encoder != null) {
      return new DetectionFeatures(encoder, err).table(MotSequence.read(sequence, detectionRoot));
    }
    return npy != null ? DetectionTable.of(Npy.read(npy))
        : DetectionTable.withoutFeatures(MotSequence.read(sequence, detectionRoot).detections());
  }

  private Path requiredOutputFile() {
    if (outputFile == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --output_file for the tracking results");
    }
    return outputFile;
  }

  private int trackSource(String sourceName, Path outputFile, AppearanceModel encoder,
      SequenceTracking.Options options, PrintWriter out, PrintWriter err) {
    if (sourceName.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--source must name a file, folder, URL or camera");
    }
    long started = System.nanoTime();
    String name = FrameSources.sequenceName(sourceName);
    VideoTracking.Outputs outputs = new VideoTracking.Outputs(outputFile, outputFrames, outputVideo, saveSequence);
    try (Detector found = sourceOptions.open(); FrameSource source = FrameSources.open(sourceName)) {
      out.printf(Locale.ROOT, "%s: %d x %d, %s frames at %s frames/s; %s%s%n", source.name(), source.width(),
          source.height(), source.frameCount() < 0 ? "unknown" : String.valueOf(source.frameCount()),
          source.frameRate() > 0 ? String.format(Locale.ROOT, "%.4g", source.frameRate()) : "unknown",
          found.description(), encoder == null ? ", no appearance model" : ", appearance model " + model.getFileName());
      out.flush();
      VideoTracking.Summary summary = VideoTracking.run(source, name, found, encoder,
          new VideoTracking.Settings(sourceOptions.maxFrames, options), outputs, err);
      double[] ms = summary.stageMillis();
      out.printf(Locale.ROOT, "%s: %d frames, %d detections, %d boxes of %d tracks; %.1f frames/s (%.1f s) -> %s%n",
          name, summary.frames(), summary.detections(), summary.rows(), summary.ids(), summary.framesPerSecond(),
          summary.seconds(), outputFile);
      out.printf(Locale.ROOT, "ms per frame, each stage on its own thread: decode %.1f, detect %.1f, features %.1f,"
          + " track and write %.1f%n", ms[0], ms[1], ms[2], ms[3]);
    }
    return 0;
  }

  /** The tracker's flags, each algorithm's defaults where a flag is not given; with --source, no confidence threshold. */
  private SequenceTracking.Options options() {
    Double minConfidence = this.minConfidence != null ? this.minConfidence : input.source != null ? 0.0 : null;
    checkOptional(minConfidence, "--min_confidence", Double.NEGATIVE_INFINITY);
    check(nmsMaxOverlap, "--nms_max_overlap", 0);
    check(minDetectionHeight, "--min_detection_height", 0);
    checkOptional(maxCosineDistance, "--max_cosine_distance", 0);
    check(maxIouDistance, "--max_iou_distance", 0);
    CameraCompensation cmc = this.cmc != null ? this.cmc : tracker.defaultCameraCompensation();
    if (cmc != CameraCompensation.NONE && !tracker.compensatesCamera()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--cmc is for --tracker strongsort, botsort or deepocsort");
    }
    check(trackThresh, "--track_thresh", 0);
    check(newTrackThresh, "--new_track_thresh", 0);
    checkOptional(matchThresh, "--match_thresh", 0);
    checkOptional(minBoxArea, "--min_box_area", 0);
    check(iouThresh, "--iou_thresh", 0);
    check(inertia, "--inertia", 0);
    check(wAssocEmb, "--w_assoc_emb", 0);
    check(alphaFixedEmb, "--alpha_fixed_emb", 0);
    if (alphaFixedEmb > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--alpha_fixed_emb must be at most 1, got "
          + alphaFixedEmb);
    }
    check(awParam, "--aw_param", 0);
    TrackerSettings settings = new TrackerSettings(minConfidence, nmsMaxOverlap, minDetectionHeight,
        maxCosineDistance, nnBudget, maxAge, nInit, maxIouDistance, trackThresh, matchThresh, trackBuffer,
        newTrackThresh, minBoxArea, iouThresh, deltaT, inertia, useByte, wAssocEmb, alphaFixedEmb, awParam, awOff,
        embOff, newKfOff);
    return new SequenceTracking.Options(tracker, settings,
        input.source != null && sourceOptions.perClass(), cmc,
        skipEmptyFrames);
  }

  private void checkOptional(Double value, String flag, double minimum) {
    if (value != null) {
      check(value, flag, minimum);
    }
  }

  private void check(double value, String flag, double minimum) {
    Numbers.atLeast(spec.commandLine(), value, flag, minimum);
  }

  /** One line per sequence: tracking alone, and everything from reading the detections on (features with --model). */
  private static void report(PrintWriter out, Path sequence, TrackingJob.Summary summary, Path results, long started) {
    double total = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "%s: %d frames, %d boxes of %d tracks; tracking %.1f frames/s, %.1f frames/s in all"
        + " (%.1f s) -> %s%n", sequence.getFileName(), summary.frames(), summary.rows(), summary.ids(),
        summary.framesPerSecond(), summary.frames() / total, total, results);
  }
}
