package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepmetric.flags.MotFolders;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.MotSequence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric generate-detections}: deep_sort's tools/generate_detections.py. */
@Command(name = "generate-detections", mixinStandardHelpOptions = true,
    header = "deep_sort's generate_detections: features of MOT detections as .npy.",
    description = {
        "For each MOTChallenge sequence in --mot_dir (img1/*.jpg, det/det.txt), crop every detection "
            + "as deep_sort does, encode the crops with a frozen model and write <sequence>.npy: float32 N "
            + "x (10 + D), the det.txt columns then the features, for deep_sort_app.py --detection_file."})
final class GenerateDetectionsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "PB|ONNX",
      description = "Frozen graph (mars.pb, market1501.pb) or deep_sort-layout ONNX model (.onnx).")
  Path model;

  @Mixin
  MotFolders folders;

  @Override
  public Integer call() {
    List<Path> sequences = MotSequence.folders(folders.motDir(), "img1");
    Path outputDir = folders.outputDir();
    try (AppearanceModel encoder = AppearanceModel.load(model)) {
      spec.commandLine().getErr().println(encoder.startLine(model));
      DetectionFeatures generator = new DetectionFeatures(encoder, spec.commandLine().getErr());
      for (Path dir : sequences) {
        MotSequence sequence = MotSequence.read(dir, folders.detectionRoot());
        int rows = generator.generate(sequence, outputDir);
        spec.commandLine().getOut().printf("%s: %d detections -> %s%n", sequence.name(), rows, outputDir.resolve(sequence.name() + ".npy"));
      }
    }
    return 0;
  }
}
