package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deepmetric.detect.Detector;
import org.deepmetric.detect.HogDetector;
import org.deepmetric.detect.YoloDetector;
import org.deepmetric.flags.Numbers;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What every command that reads a --source shares: the people detector, its settings, and how many frames. */
final class SourceOptions {
  @Option(names = "--detector", defaultValue = "hog", paramLabel = "hog|FILE.onnx",
      description = "With --source: OpenCV's HOG people detector, or a YOLO detector exported to ONNX by ultralytics"
          + " (YOLOv5, YOLOv8, YOLO11) (default: ${DEFAULT-VALUE}).")
  String detector;

  @Option(names = "--detector_scale", defaultValue = "1", paramLabel = "S",
      description = "HOG on the frame resized by S (0 < S <= 4), boxes mapped back: below 1 faster and blind to"
          + " people under 128 / S pixels; above 1 slower (about S^2 times the work) and finds people down to"
          + " 128 / S pixels tall (default: ${DEFAULT-VALUE}).")
  double detectorScale;

  @Option(names = "--classes", split = ",", defaultValue = "0", paramLabel = "ID",
      description = "YOLO: the COCO classes to keep, comma-separated; with more than one, each class is tracked on its"
          + " own and written in the result's 8th column (default: ${DEFAULT-VALUE}, person).")
  List<Integer> classes;

  @Option(names = "--conf", defaultValue = "0.25", description = "YOLO: the least class score (default: ${DEFAULT-VALUE}).")
  double conf;

  @Option(names = "--iou", defaultValue = "0.7", description = "YOLO: the class-aware NMS IoU (default: ${DEFAULT-VALUE}).")
  double iou;

  @Option(names = "--max_frames", defaultValue = "0", converter = Numbers.NonNegativeInt.class, paramLabel = "N",
      description = "With --source: stop after N frames, 0 for all (default: ${DEFAULT-VALUE}).")
  int maxFrames;

  /** Refuses meaningless detector settings as usage errors, before anything is loaded. */
  void check(CommandLine commandLine) {
    if (!(detectorScale > 0 && detectorScale <= HogDetector.MAX_SCALE)) {
      throw new CommandLine.ParameterException(commandLine, "--detector_scale must be in (0, 4], got " + detectorScale);
    }
    if (!detector.equalsIgnoreCase("hog") && !detector.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      throw new CommandLine.ParameterException(commandLine, "--detector must be hog or a YOLO .onnx file, got "
          + detector);
    }
    Numbers.atLeast(commandLine, conf, "--conf", 0);
    Numbers.atLeast(commandLine, iou, "--iou", 0);
  }

  /** The detector the flags name. */
  Detector open() {
    return detector.equalsIgnoreCase("hog") ? new HogDetector(detectorScale)
        : YoloDetector.load(Path.of(detector), new YoloDetector.Settings(conf, iou, Set.copyOf(classes)));
  }

  /** Whether each class is tracked on its own: a YOLO detector keeping more than one class. */
  boolean perClass() {
    return !detector.equalsIgnoreCase("hog") && Set.copyOf(classes).size() > 1;
  }
}
