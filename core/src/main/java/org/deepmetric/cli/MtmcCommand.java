package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.CameraClock;
import org.deepmetric.data.TransitTable;
import org.deepmetric.flags.MotFolders;
import org.deepmetric.flags.Numbers;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.DetectionTable;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.MultiCameraTracking;
import org.deepmetric.infer.SeqInfo;
import org.deepmetric.infer.SequenceTracking;
import org.deepmetric.infer.VideoTracking;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.data.video.FrameSource;
import org.deepmetric.data.video.FrameSources;
import org.deepmetric.detect.Detector;
import org.deepmetric.io.Npy;
import org.deepmetric.track.CameraCompensation;
import org.deepmetric.track.CrossCameraLinking;
import org.deepmetric.track.TrackerAlgorithm;
import org.deepmetric.track.TrackerSettings;
import org.deepmetric.track.TransitWindows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deepmetric mtmc}: tracks per camera, then one identity per person across the cameras. */
@Command(name = "mtmc", mixinStandardHelpOptions = true,
    header = "Multi-camera tracking: each camera's sequence tracked, then its tracks linked into global identities.",
    description = {
        "Tracks every camera's MOTChallenge sequence under --mot_dir (--tracker), summarises each track by when it "
            + "was seen (on the cameras' common clock, from --mot_dir/cameras.csv) and how it looks (the mean of its "
            + "detections' normalised features, from --model or the .npy files of --detection_dir), and gives the "
            + "tracks global identities: --link appearance clusters them (average linkage on cosine distance, up to "
            + "--threshold) where a person could have made both (never two places at once, at most --max_transit "
            + "seconds between cameras, or each pair's window from --transits); time and none are the baselines (time order alone; no linking). Writes "
            + "<camera>.txt per camera with the global ids and identities.csv (identity, camera, its id there, first "
            + "and last second, boxes); evaluate-mot scores them with the multi-camera IDF1."})
final class MtmcCommand implements Callable<Integer> {
  /** NAME=SRC, where NAME is a sequence name (so a URL's own '=' or ':' is never taken for one). */
  private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile("([A-Za-z0-9._-]+)=(.*)");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  MotFolders folders;

  @Option(names = "--model", paramLabel = "PB|ONNX",
      description = "The appearance model (as track's): features computed from each camera's det/det.txt.")
  Path model;

  @Option(names = "--tracker", defaultValue = "deepsort", paramLabel = "NAME",
      description = "The tracker within each camera, as track's --tracker (default: ${DEFAULT-VALUE}).")
  TrackerAlgorithm tracker;

  @Option(names = "--link", defaultValue = "appearance", paramLabel = "appearance|time|none",
      description = "How tracks become identities across cameras (default: ${DEFAULT-VALUE}).")
  CrossCameraLinking.Method link;

  @Option(names = "--threshold", defaultValue = "0.3", paramLabel = "D",
      description = "appearance: the largest average cosine distance of two groups of tracks that are merged"
          + " (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--max_transit", defaultValue = "10", paramLabel = "SECONDS",
      description = "The longest time from leaving one camera to entering another; 0 for no limit"
          + " (default: ${DEFAULT-VALUE}).")
  double maxTransit;

  @Option(names = "--transits", paramLabel = "CSV",
      description = "Each camera pair's own transit window, lines of from,to,min_s,max_s (after that header; a line"
          + " holds for the way back too unless the way back has its own); pairs not listed keep --max_transit.")
  Path transits;

  @Option(names = "--source", paramLabel = "[NAME=]SRC",
      description = "Instead of sequences in --mot_dir: one camera's video file, stream, device or folder of images,"
          + " given once per camera (NAME= names the camera, else the source's file name). People are found by"
          + " --detector and every camera is first written to --mot_dir (a new or empty folder) as a MOTChallenge"
          + " sequence (img1/, det/det.txt, seqinfo.ini, with --model det/<name>.npy) with cameras.csv, so where and"
          + " evaluate-mot read it afterwards.")
  List<String> sources;

  @Option(names = "--start_s", paramLabel = "SECONDS",
      description = "With --source: each camera's start on the common clock, once per --source in the same order"
          + " (default: 0 for all, cameras that started recording together).")
  List<Double> starts;

  @Mixin
  SourceOptions sourceOptions;

  @Override
  public Integer call() {
    if (!(threshold >= 0 && threshold <= 2)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threshold must be in [0, 2], got " + threshold);
    }
    Numbers.atLeast(spec.commandLine(), maxTransit, "--max_transit", 0);
    boolean needsFeatures = link == CrossCameraLinking.Method.APPEARANCE || tracker.needsAppearance();
    if (needsFeatures && model == null && folders.detectionDir() == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --model or --detection_dir: "
          + (tracker.needsAppearance() ? "--tracker " + tracker.name().toLowerCase(Locale.ROOT) : "--link appearance")
          + " needs appearance features");
    }
    if (sources == null && (starts != null || sourceOptions.maxFrames != 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), (starts != null ? "--start_s" : "--max_frames")
          + " is for --source");
    }
    Map<String, String> named = sources == null ? null : namedSources();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path motDir = folders.motDir();
    try (AppearanceModel encoder = model == null ? null : AppearanceModel.load(model)) {
      if (encoder != null) {
        err.println(encoder.startLine(model));
      }
      SequenceTracking.Options tracking = new SequenceTracking.Options(tracker, named == null ? TrackerSettings.DEFAULTS
          // A source's detector applies its own threshold, as track --source's does.
          : TrackerSettings.DEFAULTS.withMinConfidence(0.0), named != null && sourceOptions.perClass(),
          CameraCompensation.NONE);
      if (named != null) {
        record(named, encoder, tracking, out, err);
      }
      link(motDir, encoder, tracking, out, err);
    }
    return 0;
  }

  private void link(Path motDir, AppearanceModel encoder, SequenceTracking.Options tracking, PrintWriter out,
      PrintWriter err) {
    CameraClock clock = CameraClock.read(motDir);
    List<Path> sequences = MotSequence.folders(motDir, "img1", "det");
    List<String> names = sequences.stream().map(s -> s.getFileName().toString()).toList();
    names.forEach(name -> clock.of(name, motDir));
    TransitWindows windows = MultiCameraTracking.transitWindows(names, maxTransit,
        transits == null ? null : TransitTable.read(transits, names));
    List<MultiCameraTracking.Camera> cameras = new ArrayList<>();
    for (Path sequence : sequences) {
      String name = sequence.getFileName().toString();
      cameras.add(new MultiCameraTracking.Camera(sequence, detections(sequence, encoder, err),
          clock.of(name, motDir)));
    }
    boolean[][] overlapping = new boolean[cameras.size()][cameras.size()];
    for (int a = 0; a < cameras.size(); a++) {
      for (int b = 0; b < cameras.size(); b++) {
        overlapping[a][b] = cameras.get(a).clock().overlaps().equals(cameras.get(b).clock().sequence());
        overlapping[b][a] |= overlapping[a][b];
      }
    }
    MultiCameraTracking.Summary summary = MultiCameraTracking.run(cameras, tracking,
        new CrossCameraLinking.Settings(link, threshold, overlapping, windows), folders.outputDir());
    out.printf(Locale.ROOT, "%d cameras, %d tracks -> %d identities (%d seen by two cameras or more); results"
        + " and %s in %s%n", summary.cameras(), summary.tracks(), summary.identities(), summary.acrossCameras(),
        MultiCameraTracking.IDENTITIES_FILE, folders.outputDir());
  }

  /** --source's cameras by name, in the order given; usage errors for everything the flags alone get wrong. */
  private Map<String, String> namedSources() {
    CommandLine cli = spec.commandLine();
    sourceOptions.check(cli);
    if (folders.detectionDir() != null) {
      throw new CommandLine.ParameterException(cli, "--detection_dir is for sequences in --mot_dir; --source cameras"
          + " are detected here");
    }
    if (starts != null && starts.size() != sources.size()) {
      throw new CommandLine.ParameterException(cli, "give --start_s once per --source (" + sources.size()
          + " sources, " + starts.size() + " starts)");
    }
    if (starts != null) {
      starts.forEach(start -> Numbers.atLeast(cli, start, "--start_s", Double.NEGATIVE_INFINITY));
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (String source : sources) {
      java.util.regex.Matcher m = NAMED.matcher(source);
      String name = m.matches() ? m.group(1) : FrameSources.sequenceName(source);
      String location = m.matches() ? m.group(2) : source;
      if (location.isBlank() || named.put(name, location) != null) {
        throw new CommandLine.ParameterException(cli, location.isBlank() ? "--source " + source + " names no source"
            : "two --source cameras are called " + name + "; name them as NAME=SRC");
      }
    }
    try (java.util.stream.Stream<Path> inside = Files.isDirectory(folders.motDir()) ? Files.list(folders.motDir())
        : java.util.stream.Stream.empty()) {
      if (inside.findAny().isPresent()) {
        throw new CommandLine.ParameterException(cli, "--mot_dir " + folders.motDir() + " is not empty; with --source"
            + " it is where the cameras' sequences are written");
      }
    } catch (java.io.IOException e) {
      throw new DeepMetricException(folders.motDir() + ": cannot list (" + e.getMessage() + ")", e);
    }
    return named;
  }

  /**
   * Writes every source as a MOTChallenge sequence under --mot_dir (each in place only when whole),
   * then cameras.csv, which makes the folder a multi-camera set.
   */
  private void record(Map<String, String> named, AppearanceModel encoder, SequenceTracking.Options tracking,
      PrintWriter out, PrintWriter err) {
    Path motDir = folders.motDir();
    StringBuilder clock = new StringBuilder("sequence,start_s,frame_rate,overlaps\n");
    int i = 0;
    for (Map.Entry<String, String> camera : named.entrySet()) {
      Path sequence = motDir.resolve(camera.getKey());
      Path scratch = motDir.resolve("." + camera.getKey() + ".tracks.txt");
      try (Detector detector = sourceOptions.open(); FrameSource source = FrameSources.open(camera.getValue())) {
        VideoTracking.Summary summary = VideoTracking.run(source, camera.getKey(), detector, encoder,
            new VideoTracking.Settings(sourceOptions.maxFrames, tracking),
            new VideoTracking.Outputs(scratch, null, null, sequence), err);
        out.printf(Locale.ROOT, "%s: %d frames, %d detections -> %s%n", camera.getKey(), summary.frames(),
            summary.detections(), sequence);
      } finally {
        try {
          Files.deleteIfExists(scratch);
        } catch (java.io.IOException e) {
          err.println("deepmetric: could not remove " + scratch + ": " + e.getMessage());
        }
      }
      clock.append(String.format(Locale.ROOT, "%s,%s,%d,%n", camera.getKey(), starts == null ? 0.0 : starts.get(i),
          SeqInfo.read(sequence).frameRate()));
      i++;
    }
    AtomicFiles.writeString(motDir.resolve(CameraClock.FILE), clock.toString());
  }

  private DetectionTable detections(Path sequence, AppearanceModel encoder, PrintWriter err) {
    String name = sequence.getFileName().toString();
    Path recorded = sequence.resolve("det").resolve(name + ".npy");
    if (sources != null && Files.isRegularFile(recorded)) {
      return DetectionTable.of(Npy.read(recorded));
    }
    if (encoder != null) {
      return new DetectionFeatures(encoder, err).table(MotSequence.read(sequence, folders.detectionRoot()));
    }
    if (folders.detectionDir() != null) {
      Path npy = folders.detectionDir().resolve(name + ".npy");
      if (Files.isRegularFile(npy)) {
        return DetectionTable.of(Npy.read(npy));
      }
      if (link == CrossCameraLinking.Method.APPEARANCE || tracker.needsAppearance()) {
        throw new DeepMetricException(npy + ": not found; --detection_dir holds the <sequence>.npy files that"
            + " generate-detections writes");
      }
    }
    return DetectionTable.withoutFeatures(MotSequence.read(sequence, folders.detectionRoot()).detections());
  }
}
