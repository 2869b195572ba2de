package org.deepmetric.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/** Where a step's time goes: kernel time per op type from TensorFlow's step statistics. */
final class StepProfile {
  private StepProfile() {}

  /** The op types taking most kernel time, as "Conv2DBackpropFilter 31%, ..." with the kernel total. */
  static String summarize(RunMetadata metadata, Graph graph, int top) {
    Map<String, Long> byType = new HashMap<>();
    long total = 0;
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        long micros = Math.max(0, node.getOpEndRelMicros() - node.getOpStartRelMicros());
        GraphOperation op = (GraphOperation) graph.operation(node.getNodeName());
        String type = op != null ? op.type() : node.getNodeName().startsWith("_") ? "runtime" : "other";
        byType.merge(type, micros, Long::sum);
        total += micros;
      }
    }
    long sum = total;
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "kernels %.2f ms:", sum / 1000.0));
    byType.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(e -> text.append(String.format(Locale.ROOT, " %s %.0f%%,", e.getKey(), 100.0 * e.getValue() / sum)));
    text.setLength(text.length() - 1);
    return text.toString();
  }
}
