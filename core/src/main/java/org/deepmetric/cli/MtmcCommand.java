package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.CameraClock;
import org.deepmetric.data.TransitTable;
import org.deepmetric.flags.MotFolders;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.DetectionTable;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.MultiCameraTracking;
import org.deepmetric.infer.SequenceTracking;
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

  @Override
  public Integer call() {
    if (!(threshold >= 0 && threshold <= 2)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threshold must be in [0, 2], got " + threshold);
    }
    if (!(maxTransit >= 0) || !Double.isFinite(maxTransit)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max_transit must be a number of at least 0, got "
          + maxTransit);
    }
    boolean needsFeatures = link == CrossCameraLinking.Method.APPEARANCE || tracker.needsAppearance();
    if (needsFeatures && model == null && folders.detectionDir() == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --model or --detection_dir: "
          + (tracker.needsAppearance() ? "--tracker " + tracker.name().toLowerCase(Locale.ROOT) : "--link appearance")
          + " needs appearance features");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path motDir = folders.motDir();
    CameraClock clock = CameraClock.read(motDir);
    List<Path> sequences = MotSequence.folders(motDir, "img1", "det");
    List<String> names = sequences.stream().map(s -> s.getFileName().toString()).toList();
    names.forEach(name -> clock.of(name, motDir));
    TransitWindows windows = MultiCameraTracking.transitWindows(names, maxTransit,
        transits == null ? null : TransitTable.read(transits, names));
    try (AppearanceModel encoder = model == null ? null : AppearanceModel.load(model)) {
      if (encoder != null) {
        err.println(encoder.startLine(model));
      }
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
      SequenceTracking.Options tracking = new SequenceTracking.Options(tracker, TrackerSettings.DEFAULTS, false,
          CameraCompensation.NONE);
      MultiCameraTracking.Summary summary = MultiCameraTracking.run(cameras, tracking,
          new CrossCameraLinking.Settings(link, threshold, overlapping, windows), folders.outputDir());
      out.printf(Locale.ROOT, "%d cameras, %d tracks -> %d identities (%d seen by two cameras or more); results"
          + " and %s in %s%n", summary.cameras(), summary.tracks(), summary.identities(), summary.acrossCameras(),
          MultiCameraTracking.IDENTITIES_FILE, folders.outputDir());
    }
    return 0;
  }

  private DetectionTable detections(Path sequence, AppearanceModel encoder, PrintWriter err) {
    String name = sequence.getFileName().toString();
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
