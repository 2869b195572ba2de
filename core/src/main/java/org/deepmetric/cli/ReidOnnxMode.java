package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/**
 * {@code --mode=onnx}: the network as an ONNX model in {@code layout}, at {@code target}, with
 * {@code metadata} (version, dataset, loss mode) among its properties; int8 when {@code int8} is
 * not null.
 */
record ReidOnnxMode(Path target, OnnxExport.Layout layout, Map<String, String> metadata, ReidInt8Export int8)
    implements ReidMode.Handler {
  @Override
  public void run(ReidRun run) {
    Path prefix = run.checkpoint();
    Map<String, String> properties = new LinkedHashMap<>(metadata);
    properties.put("checkpoint", prefix.getFileName().toString());
    // ONNX has no bfloat16 convolutions on CPU runtimes; the model is float32 whatever --precision_mode says.
    try (ReidEncoder encoder = run.encoder(ReidEncoder.ChannelOrder.BGR, Precision.FP32)) {
      var model = OnnxExport.reid(encoder, layout, properties);
      if (int8 != null) {
        model = int8.quantize(model, run);
      }
      OnnxExport.write(model, target);
      String input = layout == OnnxExport.Layout.DEEP_SORT
          ? String.format("uint8 BGR [N,%d,%d,3]", run.imageShape().height(), run.imageShape().width())
          : "float32 RGB [N,3,256,128], ImageNet-normalised";
      run.out().printf("wrote %s from %s: %sONNX opset %d, %d bytes; input 'images' %s, output 'features' float32"
          + " [N,%d]%n", target, prefix, int8 != null ? "int8 QDQ " : "", OnnxExport.OPSET, model.getSerializedSize(),
          input, encoder.featureDim());
    }
  }
}
