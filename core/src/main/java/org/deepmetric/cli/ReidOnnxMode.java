package org.deepmetric.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepmetric.export.OnnxExport;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.nn.Precision;

/** {@code --mode=onnx}: the network as an ONNX model in the layout {@code --onnx_layout} names. */
final class ReidOnnxMode implements ReidMode.Handler {
  @Override
  public void run(ReidCommand c) {
    Path prefix = c.checkpoint();
    Path target = c.outputOr(".onnx");
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("version", Version.toolkit());
    metadata.put("dataset", c.datasetName());
    metadata.put("loss_mode", c.lossMode.toString());
    metadata.put("checkpoint", prefix.getFileName().toString());
    // ONNX has no bfloat16 convolutions on CPU runtimes; the model is float32 whatever --precision_mode says.
    try (ReidEncoder encoder = c.encoder(ReidEncoder.ChannelOrder.BGR, Precision.FP32)) {
      var model = OnnxExport.reid(encoder, c.onnxLayout, metadata);
      OnnxExport.write(model, target);
      String input = c.onnxLayout == OnnxExport.Layout.DEEP_SORT
          ? String.format("uint8 BGR [N,%d,%d,3]", c.imageShape().height(), c.imageShape().width())
          : "float32 RGB [N,3,256,128], ImageNet-normalised";
      c.out().printf("wrote %s from %s: ONNX opset %d, %d bytes; input 'images' %s, output 'features' float32"
          + " [N,128]%n", target, prefix, OnnxExport.OPSET, model.getSerializedSize(), input);
    }
  }
}
