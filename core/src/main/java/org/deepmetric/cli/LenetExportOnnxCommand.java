package org.deepmetric.cli;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepmetric.data.DigitSet;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.export.ActivationRanges;
import org.deepmetric.export.Int8Export;
import org.deepmetric.io.BuildInfo;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.infer.Predictions;
import org.deepmetric.models.LenetModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code deepmetric lenet export-onnx}: the frozen graph's contract as an ONNX model. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
    header = "Write a LeNet checkpoint as an ONNX model.",
    description = {
        "An ONNX model (opset 17) for ONNX Runtime, built from the checkpoint's weights: input 'input_image' "
            + "float32 [N,784] in [0,1]; outputs 'logits' and 'probabilities' float32 [N,10], as the frozen graph. Writes lenet.onnx unless --output names another file.",
        "With --quantize int8 it calibrates on " + LenetExportOnnxCommand.CALIBRATION_DIGITS + " training digits of"
            + " --data_path, checks the logits on the test digits and prints both models' test accuracy."})
final class LenetExportOnnxCommand implements Callable<Integer> {
  static final int CALIBRATION_DIGITS = 512;
  private static final int BATCH = 256;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  SharedOptions.RestorePath restore;

  @Mixin
  SharedOptions.DataPath data;

  @Mixin
  SharedOptions.Quantize quantize;

  @Mixin
  SharedOptions.Output output;

  @Override
  public Integer call() {
    boolean int8 = quantize.int8(spec.commandLine(), "--force goes with --quantize int8", false);
    Path prefix = restore.required();
    Path target = output.or(Path.of("lenet.onnx"));
    PrintWriter out = spec.commandLine().getOut();
    try (LenetModel model = restore.lenet()) {
      OnnxMl.ModelProto onnx = OnnxExport.lenet(model, Map.of("version", BuildInfo.version(), "dataset", "mnist",
          "checkpoint", prefix.getFileName().toString(), "global_step", Long.toString(model.globalStep())));
      if (int8) {
        onnx = quantized(onnx, out);
      }
      OnnxExport.write(onnx, target);
      out.printf("wrote %s (step %d) into %s: %sONNX opset %d, %d bytes%n", prefix, model.globalStep(), target,
          int8 ? "int8 QDQ " : "", OnnxExport.OPSET, onnx.getSerializedSize());
    }
    return 0;
  }

  private OnnxMl.ModelProto quantized(OnnxMl.ModelProto fp32, PrintWriter out) {
    boolean pathGiven = spec.commandLine().getParseResult().hasMatchedOption("--data_path");
    PrintWriter err = spec.commandLine().getErr();
    MnistDataset mnist = MnistDataset.open(data.dataPath, pathGiven, notice -> err.println("note: " + notice));
    DigitSet train = mnist.train().slice(0, Math.min(CALIBRATION_DIGITS, mnist.train().size()));
    DigitSet test = mnist.test();
    err.printf("int8: calibrating on %d training digits, checking on %d test digits%n", train.size(), test.size());
    Int8Export.Result result = Int8Export.quantize(fp32, batches(train), batches(test), LenetModel.LOGITS);
    for (Int8Export.Candidate c : result.tried()) {
      out.printf("int8 %s against float32: %s%s%n", c.method(), c.agreement(), c == result.chosen() ? " (kept)" : "");
    }
    out.printf(Locale.ROOT, "test accuracy: float32 %.4f, int8 %.4f%n", accuracy(fp32, test),
        accuracy(result.chosen().model(), test));
    Int8Export.check(result.chosen().agreement(), quantize.force);
    return result.chosen().model();
  }

  /** The share of {@code set} whose largest logit is its label. */
  private static double accuracy(OnnxMl.ModelProto model, DigitSet set) {
    List<float[]> logits = Int8Export.outputs(model, batches(set), LenetModel.LOGITS);
    int correct = 0;
    int row = 0;
    for (float[] batch : logits) {
      for (int r = 0; r < batch.length / MnistDataset.NUM_CLASSES; r++, row++) {
        correct += Predictions.argmax(batch, r, MnistDataset.NUM_CLASSES) == set.labels()[row] ? 1 : 0;
      }
    }
    return correct / (double) set.size();
  }

  /** {@code input_image} batches of {@value #BATCH} digits scaled to [0,1]. */
  private static List<ActivationRanges.Inputs> batches(DigitSet set) {
    List<ActivationRanges.Inputs> batches = new ArrayList<>();
    for (int from = 0; from < set.size(); from += BATCH) {
      int first = from;
      int count = Math.min(BATCH, set.size() - from);
      batches.add(environment -> {
        float[] pixels = new float[count * MnistDataset.PIXELS];
        for (int i = 0; i < count; i++) {
          set.copyScaled(first + i, pixels, i * MnistDataset.PIXELS);
        }
        return Map.of(LenetModel.INPUT, OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels),
            new long[] {count, MnistDataset.PIXELS}));
      });
    }
    return batches;
  }
}
