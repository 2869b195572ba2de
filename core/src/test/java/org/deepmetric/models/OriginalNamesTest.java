package org.deepmetric.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import java.util.Arrays;
import org.deepmetric.export.ModelExport;
import org.tensorflow.types.TInt64;

/**
 * Checkpoints under the original programs' variable names, written here by hand-named graphs as
 * those programs would write them: cosine_metric_learning's TF-slim names and the LeNet seed's.
 */
class OriginalNamesTest {
  @TempDir
  Path dir;

  /** The network variables of cosine_metric_learning's model, named as TF-slim names them. */
  static Map<String, long[]> cosineMetricLearningNetwork() {
    Map<String, long[]> v = new LinkedHashMap<>();
    v.put("conv1_1/weights", new long[] {3, 3, 3, 32});
    bn(v, "conv1_1/conv1_1/bn", 32);
    v.put("conv1_2/weights", new long[] {3, 3, 32, 32});
    bn(v, "conv1_2/conv1_2/bn", 32);
    block(v, "conv2_1", 32, 32, true);
    block(v, "conv2_3", 32, 32, false);
    block(v, "conv3_1", 32, 64, false);
    v.put("conv3_1/projection/weights", new long[] {1, 1, 32, 64});
    block(v, "conv3_3", 64, 64, false);
    block(v, "conv4_1", 64, 128, false);
    v.put("conv4_1/projection/weights", new long[] {1, 1, 64, 128});
    block(v, "conv4_3", 128, 128, false);
    v.put("fc1/weights", new long[] {16384, 128});
    bn(v, "fc1/fc1/bn", 128);
    return v;
  }

  private static void block(Map<String, long[]> v, String scope, long in, long out, boolean first) {
    if (!first) {
      bn(v, scope + "/bn", in);
    }
    v.put(scope + "/1/weights", new long[] {3, 3, in, out});
    bn(v, scope + "/1/" + scope + "/1/bn", out);
    v.put(scope + "/2/weights", new long[] {3, 3, out, out});
    v.put(scope + "/2/biases", new long[] {out});
  }

  private static void bn(Map<String, long[]> v, String scope, long channels) {
    for (String name : List.of("beta", "moving_mean", "moving_variance")) {
      v.put(scope + "/" + name, new long[] {channels});
    }
  }

  /**
   * Float variables that stand for a checkpoint's tensors of these names and shapes (random
   * values). TensorFlow Java cannot name a variable {@code x/weights/Adam} beside one named
   * {@code x/weights}, so they are held as v0, v1, ... and written and read under their names
   * with SaveV2 and RestoreV2, whose restore also checks every name and shape.
   */
  private static final class NamedTensors implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session;
    final Map<String, String> names = new LinkedHashMap<>();

    NamedTensors(Map<String, long[]> tensors, long seed) {
      Ops tf = Ops.create(graph);
      SplittableRandom random = new SplittableRandom(seed);
      for (var entry : tensors.entrySet()) {
        Shape shape = Shape.of(entry.getValue());
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (entry.getKey().endsWith("moving_variance") ? 0.5 + random.nextDouble()
              : 0.05 * random.nextGaussian());
        }
        String held = "v" + names.size();
        tf.withName(held).variable(tf.constant(shape, DataBuffers.of(values, true, false)));
        names.put(held, entry.getKey());
      }
      session = new Session(graph);
      session.initialize();
    }

    void save(Path prefix) {
      CheckpointStore.writeRenamed(graph, session, prefix, names, Map.of());
    }

    void restore(Path prefix) {
      CheckpointStore.restoreRenamed(graph, session, prefix, names);
    }

    float[] values(String name) {
      String held = names.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
      return variable(session, held);
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private static float[] variable(Session session, String name) {
    try (Result result = session.runner().fetch(name).run()) {
      TFloat32 tensor = (TFloat32) result.get(0);
      float[] out = new float[(int) tensor.shape().size()];
      tensor.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  private static ReidBatch crops() {
    SplittableRandom random = new SplittableRandom(5);
    byte[] pixels = new byte[4 * ImageShape.DEFAULT.bytes()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    return new ReidBatch(pixels, new int[4], ImageShape.DEFAULT);
  }

  @Test
  void anOriginalReidCheckpointRestoresAndGoesBackUnderTheSameNames() {
    Path original = dir.resolve("original/model.ckpt-68577");
    Map<String, long[]> names = cosineMetricLearningNetwork();
    try (NamedTensors written = new NamedTensors(names, 3)) {
      written.save(original);
      try (ReidEncoder encoder = ReidEncoder.restore(original, ReidEncoder.ChannelOrder.RGB)) {
        assertArrayEquals(written.values("conv1_1/conv1_1/bn/beta"), variable(encoder.session(), "conv1_1/bn/beta"));
        assertArrayEquals(written.values("conv2_3/bn/moving_mean"),
            variable(encoder.session(), "conv2_3/preact/moving_mean"));
        assertArrayEquals(written.values("conv4_1/1/conv4_1/1/bn/moving_variance"),
            variable(encoder.session(), "conv4_1/1/bn/moving_variance"));
        assertArrayEquals(written.values("fc1/weights"), variable(encoder.session(), "fc1/dense/weights"));
        assertArrayEquals(written.values("conv3_1/projection/weights"),
            variable(encoder.session(), "conv3_1/projection/conv/weights"));
        float[] features = encoder.encode(crops());

        // Back under the original's names: a graph named as the original restores it with TensorFlow's own rules.
        Path back = dir.resolve("back/mars.ckpt");
        ModelExport.finalizeCheckpoint(encoder, back, CheckpointNames.ORIGINAL);
        try (NamedTensors reread = new NamedTensors(names, 99)) {
          reread.restore(back);
          for (String name : names.keySet()) {
            assertArrayEquals(written.values(name), reread.values(name), name);
          }
        }
        try (ReidEncoder again = ReidEncoder.restore(back, ReidEncoder.ChannelOrder.RGB)) {
          assertArrayEquals(features, again.encode(crops()), "feature by feature");
        }
      }
    }
  }

  @Test
  void aTrainingCheckpointOfTheOriginalCarriesItsStepAndAdamSlots() {
    Map<String, long[]> names = new LinkedHashMap<>(cosineMetricLearningNetwork());
    names.put("ball/mean_vectors", new long[] {128, 1502});
    names.put("ball/scale", new long[] {});
    Map<String, long[]> all = new LinkedHashMap<>(names);
    names.forEach((name, shape) -> {
      if (!name.contains("moving_")) {
        all.put(name + "/Adam", shape);
        all.put(name + "/Adam_1", shape);
      }
    });
    all.put("beta1_power", new long[] {});
    all.put("beta2_power", new long[] {});
    Path original = dir.resolve("original/model.ckpt-7");
    try (NamedTensors written = new NamedTensors(all, 4)) {
      // The original's global_step is an int64 scalar beside the float variables.
      Ops tf = Ops.create(written.graph);
      tf.withName("step").variable(tf.constant(7L));
      written.session.runner().addTarget(tf.withName("init_step").assign(
          written.graph.<TInt64>operation("step").output(0), tf.constant(7L))).run();
      Map<String, String> withStep = new LinkedHashMap<>(written.names);
      withStep.put("step", "global_step");
      CheckpointStore.writeRenamed(written.graph, written.session, original, withStep, Map.of());
      try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, 1502).build()) {
        StringBuilder notes = new StringBuilder();
        model.restore(original, notes::append);
        assertEquals(7, model.globalStep());
        assertTrue(notes.toString().contains("cosine_metric_learning"), notes.toString());
        assertArrayEquals(written.values("ball/mean_vectors/Adam_1"),
            variable(model.session(), "Adam/ball_mean_vectors/v"));
      }
    }
  }

  @Test
  void aCheckpointUnderNeitherNamingIsRefusedWithBothSaid() {
    Path other = dir.resolve("other/model.ckpt-1");
    try (NamedTensors written = new NamedTensors(Map.of("something/else", new long[] {3}), 1)) {
      written.save(other);
    }
    String message = assertThrows(DeepMetricException.class,
        () -> ReidEncoder.restore(other, ReidEncoder.ChannelOrder.RGB)).getMessage();
    assertTrue(message.startsWith("cannot restore checkpoint " + other) && message.contains("conv1_1/weights"),
        message);
  }

  @Test
  void lenetCheckpointsGoBackIntoTheSeedAndComeBack() {
    Map<String, long[]> seed = new LinkedHashMap<>();
    seed.put("layer_1/weights", new long[] {5, 5, 1, 6});
    seed.put("layer_1/bias", new long[] {6});
    seed.put("layer_2/weights", new long[] {5, 5, 6, 16});
    seed.put("layer_2/bias", new long[] {16});
    seed.put("fc_1/weight", new long[] {784, 120});
    seed.put("fc_1/bias", new long[] {120});
    seed.put("fc_2/weight", new long[] {120, 84});
    seed.put("fc_2/bias", new long[] {84});
    seed.put("fc_3/weight", new long[] {84, 10});
    seed.put("fc_3/bias", new long[] {10});
    Map<String, long[]> withAdam = new LinkedHashMap<>(seed);
    seed.forEach((name, shape) -> {
      withAdam.put(name + "/Adam", shape);
      withAdam.put(name + "/Adam_1", shape);
    });
    withAdam.put("beta1_power", new long[] {});
    withAdam.put("beta2_power", new long[] {});
    DigitBatch digits = new DigitBatch(new float[3 * 784], new int[3]);
    Arrays.fill(digits.images(), 0.3f);
    Path prefix = dir.resolve("seed/mode.ckpt");
    float[] probabilities;
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 5)) {
      model.writeCheckpoint(prefix, CheckpointNames.ORIGINAL);
      probabilities = model.probabilities(digits);
      try (NamedTensors theSeeds = new NamedTensors(withAdam, 8)) {
        theSeeds.restore(prefix);
        assertArrayEquals(variable(model.session(), "fc2/weights"), theSeeds.values("fc_2/weight"));
        assertArrayEquals(new float[] {0.9f}, theSeeds.values("beta1_power"), 1e-7f, "0.9^(step + 1) at step 0");
      }
    }
    try (LenetModel fresh = LenetModel.create(Precision.FP32, 1e-3f, 77)) {
      fresh.restore(prefix, note -> { });
      assertArrayEquals(probabilities, fresh.probabilities(digits), 1e-7f);
    }
  }
}
