package org.deepmetric.cli;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepmetric.io.BuildInfo;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.models.LenetModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code deepmetric lenet export-onnx}: the frozen graph's contract as an ONNX model. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
    header = "Write a LeNet checkpoint as an ONNX model.",
    description = {
        "An ONNX model (opset 17) for ONNX Runtime, built from the checkpoint's weights: input 'input_image' "
            + "float32 [N,784] in [0,1]; outputs 'logits' and 'probabilities' float32 [N,10], as the frozen graph. Writes lenet.onnx unless --output names another file."})
final class LenetExportOnnxCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  SharedOptions.RestorePath restore;

  @Mixin
  SharedOptions.Output output;

  @Override
  public Integer call() {
    Path prefix = restore.required();
    Path target = output.or(Path.of("lenet.onnx"));
    try (LenetModel model = restore.lenet()) {
      OnnxMl.ModelProto onnx = OnnxExport.lenet(model, Map.of("version", BuildInfo.version(), "dataset", "mnist",
          "checkpoint", prefix.getFileName().toString(), "global_step", Long.toString(model.globalStep())));
      OnnxExport.write(onnx, target);
      spec.commandLine().getOut().printf("wrote %s (step %d) into %s: ONNX opset %d, %d bytes%n", prefix,
          model.globalStep(), target, OnnxExport.OPSET, onnx.getSerializedSize());
    }
    return 0;
  }
}
