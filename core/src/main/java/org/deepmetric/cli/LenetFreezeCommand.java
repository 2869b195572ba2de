package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deepmetric.export.GraphFreezer;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.models.LenetModel;
import org.tensorflow.proto.GraphDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code deepmetric lenet freeze}: the seed's LeNet_frozen_graph.py. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
    header = "Freeze a LeNet checkpoint into a .pb graph.",
    description = {
        "Fold a checkpoint's weights into a frozen GraphDef for inference. Input 'input_image' "
            + "float32 [-1,784] in [0,1]; outputs 'logits' and 'probabilities' float32 [-1,10]. Writes LeNet_frozen_graph.pb unless --output"
            + " names another file."})
final class LenetFreezeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  SharedOptions.RestorePath restore;

  @Mixin
  SharedOptions.Output output;

  @Override
  public Integer call() {
    Path prefix = restore.required();
    Path target = output.or(Path.of("LeNet_frozen_graph.pb"));
    // Always a float32 graph: bf16 is a training-time compute choice over float32 weights.
    try (LenetModel model = restore.lenet()) {
      GraphDef frozen = GraphFreezer.freeze(model.graph(), model.session(),
          List.of(LenetModel.LOGITS, LenetModel.PROBABILITIES));
      AtomicFiles.write(target, frozen.toByteArray());
      spec.commandLine().getOut().printf("froze %s (step %d) into %s: %d nodes, %d bytes%n",
          prefix, model.globalStep(), target, frozen.getNodeCount(), frozen.getSerializedSize());
    }
    return 0;
  }
}
