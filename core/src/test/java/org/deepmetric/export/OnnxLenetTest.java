package org.deepmetric.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.models.LenetModel;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LeNet as ONNX, run by ONNX Runtime next to TensorFlow. */
class OnnxLenetTest {
  @TempDir
  Path dir;

  @Test
  void onnxRuntimeGivesTensorflowsProbabilities() throws OrtException {
    int n = 16;
    Random random = new Random(3);
    float[] images = new float[n * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    Path onnx = dir.resolve("lenet.onnx");
    float[] expected;
    try (LenetModel model = LenetModel.create(Precision.FP32, 0.01f, 7)) {
      expected = model.probabilities(new DigitBatch(images, new int[n]));
      OnnxExport.write(OnnxExport.lenet(model, Map.of("version", "test")), onnx);
    }
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession session = environment.createSession(onnx.toString(), new OrtSession.SessionOptions());
         OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(images), new long[] {n, 784});
         OrtSession.Result result = session.run(Map.of(LenetModel.INPUT, x))) {
      assertEquals("deepmetric", session.getMetadata().getProducerName());
      assertEquals("test", session.getMetadata().getCustomMetadata().get("version"));
      float[] probabilities = new float[n * 10];
      ((OnnxTensor) result.get(LenetModel.PROBABILITIES).orElseThrow()).getFloatBuffer().get(probabilities);
      assertArrayEquals(expected, probabilities, 1e-5f);
    }
  }
}
