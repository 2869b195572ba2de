package org.deepmetric.cli;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deepmetric.export.GraphFreezer;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LenetModel;
import org.deepmetric.nn.Precision;
import org.tensorflow.proto.GraphDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric lenet freeze}: the seed's LeNet_frozen_graph.py. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
    header = "Freeze a LeNet checkpoint into a .pb graph.",
    description = {
        "Fold a checkpoint's weights into a frozen GraphDef for inference. Input 'input_image' "
            + "float32 [-1,784] in [0,1]; outputs 'logits' and 'probabilities' float32 [-1,10].",
        "An --output ending in .onnx writes the same network as an ONNX model (opset 17) for ONNX Runtime."})
final class LenetFreezeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  SharedOptions.RestorePath restore;

  @Option(names = "--output", paramLabel = "PB", defaultValue = "LeNet_frozen_graph.pb",
      description = "Frozen graph (.pb) or ONNX model (.onnx) to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() {
    if (restore.restorePath == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--restore_path=CKPT'");
    }
    Path prefix = CheckpointStore.resolve(restore.restorePath);
    // Always a float32 graph: bf16 is a training-time compute choice over float32 weights.
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 0)) {
      model.restore(prefix, note -> spec.commandLine().getErr().println("note: " + note));
      if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
        OnnxMl.ModelProto onnx = OnnxExport.lenet(model, Map.of("version", Version.toolkit(),
            "checkpoint", prefix.getFileName().toString(), "global_step", Long.toString(model.globalStep())));
        OnnxExport.write(onnx, output);
        spec.commandLine().getOut().printf("wrote %s (step %d) as ONNX opset %d into %s: %d bytes%n", prefix,
            model.globalStep(), OnnxExport.OPSET, output, onnx.getSerializedSize());
        return 0;
      }
      GraphDef frozen = GraphFreezer.freeze(model.graph(), model.session(),
          List.of(LenetModel.LOGITS, LenetModel.PROBABILITIES));
      AtomicFiles.write(output, frozen.toByteArray());
      spec.commandLine().getOut().printf("froze %s (step %d) into %s: %d nodes, %d bytes%n",
          prefix, model.globalStep(), output, frozen.getNodeCount(), frozen.getSerializedSize());
    }
    return 0;
  }
}
