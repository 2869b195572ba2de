package org.deepmetric.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deepmetric.data.reid.Augmentation;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.IdentitySampler;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.deepmetric.fixtures.Bf16;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class ReidModelTest {
  @TempDir
  static Path dir;

  static Market1501 market;
  static CropLoader loader;

  @BeforeAll
  static void dataset() {
    SyntheticMarket1501.write(dir.resolve("market"), new SynthOptions(24, 4, 0, 0, 3));
    market = Market1501.open(dir.resolve("market"), true, w -> {});
    loader = new CropLoader(2);
  }

  @AfterAll
  static void stop() {
    loader.close();
  }

  private static Supplier<ReidBatch> batches(long seed) {
    return loader.training(new IdentitySampler(market.train(), 4, 4, seed, note -> { }), seed, null, ImageShape.DEFAULT, Augmentation.FLIP_ONLY);
  }

  @Test
  void trainingOnATinySyntheticSetLowersTheLoss() {
    try (ReidModel model = ReidModel.builder(LossMode.MAGNET, market.numClasses()).build()) {
      List<ReidBatch> fixed = new ArrayList<>();
      Supplier<ReidBatch> source = batches(1);
      for (int i = 0; i < 4; i++) {
        fixed.add(source.get());
      }
      float first = 0;
      float last = 0;
      for (int step = 0; step < 16; step++) {
        float loss = model.trainStep(fixed.get(step % fixed.size())).get("loss");
        first += step < 4 ? loss / 4 : 0;
        last += step >= 12 ? loss / 4 : 0;
      }
      assertTrue(last < 0.7 * first, "magnet loss " + first + " -> " + last);
    }
  }

  /** One model per recipe's graph settings, one step each: what the settings change is all visible after it. */
  @Test
  void theShortRunSettingsStartKappaAtTenMoveAveragesTenTimesFasterAndAddTheTripletLoss() {
    ReidBatch batch = batches(5).get();
    List<ReidGraphSettings> settings = List.of(ReidGraphSettings.ORIGINAL, ReidGraphSettings.SHORT_RUNS);
    float[][] movingMeans = new float[2][];
    for (int i = 0; i < 2; i++) {
      try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, market.numClasses()).settings(settings.get(i))
          .build()) {
        Map<String, Float> scalars = model.trainStep(batch);
        assertEquals(i == 1 ? 10f : (float) Math.log(2), scalars.get("kappa"), 0.02f, settings.get(i).toString());
        assertTrue(scalars.get("triplet_loss") > 0.01f, scalars.toString());
        float expected = scalars.get("cosine_softmax_loss") + scalars.get("regularization")
            + settings.get(i).tripletWeight() * scalars.get("triplet_loss");
        assertEquals(expected, scalars.get("loss"), 1e-5f, settings.get(i).toString());
        movingMeans[i] = variable(model, "conv1_1/bn/moving_mean");
      }
    }
    // The first step's forward pass is the same under both, so the averages move 0.001 vs 0.01 of
    // the same batch means.
    for (int c = 0; c < movingMeans[0].length; c++) {
      assertEquals(10 * movingMeans[0][c], movingMeans[1][c], 1e-3 * Math.abs(movingMeans[1][c]) + 1e-9,
          "channel " + c);
    }
    assertEquals(0f, ReidGraphSettings.ORIGINAL.tripletWeight());
    assertEquals(1f, ReidGraphSettings.SHORT_RUNS.tripletWeight());
  }

  @Tag("slow")
  @Test
  void everyModeTrainsAndLogsTheOtherLossesAsMonitors() {
    Bf16.assumeRunnable();
    ReidBatch batch = batches(2).get();
    for (LossMode mode : LossMode.values()) {
      try (ReidModel model = ReidModel.builder(mode, market.numClasses()).precision(Precision.BF16).build()) {
        Map<String, Float> scalars = model.trainStep(batch);
        assertTrue(scalars.keySet().containsAll(List.of("loss", "triplet_loss", "magnet_loss", "regularization",
            "fraction_active_triplets", "mean_positive_distance")), scalars.toString());
        assertEquals(mode == LossMode.COSINE_SOFTMAX, scalars.containsKey("kappa"));
        scalars.values().forEach(v -> assertTrue(Float.isFinite(v), mode + " " + scalars));
        String selected = switch (mode) {
          case COSINE_SOFTMAX -> "cosine_softmax_loss";
          case SOFTMAX -> "softmax_loss";
          case TRIPLET -> "triplet_loss";
          case MAGNET -> "magnet_loss";
        };
        assertEquals(scalars.get(selected) + scalars.get("regularization"), scalars.get("loss"), 1e-5f);
        assertEquals(1, model.globalStep());
      }
    }
  }

  @Test
  void batchNormStatisticsMoveWithTraining() {
    try (ReidModel model = ReidModel.builder(LossMode.TRIPLET, market.numClasses()).build()) {
      float[] before = variable(model, "conv1_1/bn/moving_mean");
      model.trainStep(batches(3).get());
      float[] after = variable(model, "conv1_1/bn/moving_mean");
      double moved = 0;
      for (int i = 0; i < after.length; i++) {
        moved += Math.abs(after[i] - before[i]);
      }
      assertTrue(moved > 0, "moving mean updated by the train op");
    }
  }

  @Test
  void restoringGivesBackEveryVariableExactly() {
    CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"), 0);
    List<String> names = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    try (ReidModel model = ReidModel.builder(LossMode.COSINE_SOFTMAX, market.numClasses()).build()) {
      Supplier<ReidBatch> source = batches(4);
      model.trainStep(source.get());
      model.trainStep(source.get());
      store.save(model.session(), model.globalStep());
      for (var ops = model.graph().operations(); ops.hasNext(); ) {
        GraphOperation op = ops.next();
        if (op.type().equals("VariableV2") && !op.name().equals("global_step")) {
          names.add(op.name());
          values.add(variable(model, op.name()));
        }
      }
    }
    try (ReidModel fresh = ReidModel.builder(LossMode.COSINE_SOFTMAX, market.numClasses()).seed(9).build()) {
      CheckpointStore.restore(fresh.session(), store.latest().orElseThrow());
      assertEquals(2, fresh.globalStep());
      for (int i = 0; i < names.size(); i++) {
        assertArrayEquals(values.get(i), variable(fresh, names.get(i)), names.get(i));
      }
    }
    assertTrue(names.contains("ball/mean_vectors") && names.contains("fc1/bn/moving_variance"), names.toString());
  }

  private static float[] variable(ReidModel model, String name) {
    try (Result result = model.session().runner().fetch(name).run()) {
      TFloat32 t = (TFloat32) result.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
