package org.deepmetric.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Batch;
import org.deepmetric.models.TrainableModel;
import org.junit.jupiter.api.Test;
import org.tensorflow.Session;
import java.nio.file.Path;
import org.deepmetric.models.CheckpointNames;

class TrainerTest {
  private static final DivergenceGuard NO_GUARD = new DivergenceGuard(() -> "none");

  /** A batch of a given size, and nothing in it. */
  private record Sized(int size) implements Batch {}

  /** A model whose loss follows a script, to drive the loop without TensorFlow. */
  private static final class ScriptedModel implements TrainableModel<Sized> {
    private final float[] losses;
    private long step;

    ScriptedModel(long start, float... losses) {
      this.step = start;
      this.losses = losses;
    }

    @Override
    public Map<String, Float> trainStep(Sized batch) {
      return Map.of("loss", losses[(int) (step++ % losses.length)]);
    }

    @Override
    public long globalStep() {
      return step;
    }

    @Override
    public Session session() {
      throw new UnsupportedOperationException("no session in this test");
    }

    @Override
    public void writeCheckpoint(Path prefix, CheckpointNames names) {
      throw new UnsupportedOperationException("no checkpoints in this test");
    }
  }

  private static final class Recorder implements TrainingListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void onStart(long firstStep, long lastStep) {
      calls.add("start " + firstStep + "-" + lastStep);
    }

    @Override
    public void onStep(StepRecord record) {
      calls.add("step " + record.step() + " e" + record.epoch() + "s" + record.stepInEpoch());
    }

    @Override
    public void onEpochEnd(int epoch, long step) {
      calls.add("epoch " + epoch);
    }

    @Override
    public void onEnd(long step) {
      calls.add("end " + step);
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  @Test
  void numbersStepsAndEpochsFromTheModelsGlobalStep() {
    Recorder recorder = new Recorder();
    long reached = new Trainer<>(new ScriptedModel(4, 1f), () -> new Sized(8), NO_GUARD, List.of(recorder)).run(3, 2);
    assertEquals(7, reached);
    assertEquals(List.of("start 5-7", "step 5 e3s1", "step 6 e3s2", "epoch 3", "step 7 e4s1", "end 7", "close"),
        recorder.calls);
  }

  @Test
  void aNanLossStopsTrainingBeforeTheEndHookAndStillCloses() {
    Recorder recorder = new Recorder();
    DivergenceGuard guard = new DivergenceGuard(() -> "ckpt-2");
    Trainer<Sized> trainer = new Trainer<>(new ScriptedModel(0, 2f, 1f, Float.NaN), () -> new Sized(8), guard, List.of(recorder));
    String message = assertThrows(DeepMetricException.class, () -> trainer.run(10, 5)).getMessage();
    assertTrue(message.contains("NaN at step 3") && message.contains("ckpt-2"), message);
    assertEquals(List.of("start 1-10", "step 1 e1s1", "step 2 e1s2", "close"), recorder.calls);
  }

  @Test
  void theFirstFailureIsReportedAndCloseFailuresRideOnIt() {
    TrainingListener brokenClose = new TrainingListener() {
      @Override
      public void close() {
        throw new IllegalStateException("disk full while closing the log");
      }
    };
    DivergenceGuard guard = new DivergenceGuard(() -> "none");
    Trainer<Sized> trainer = new Trainer<>(new ScriptedModel(0, Float.NaN), () -> new Sized(8), guard,
        List.of(brokenClose));
    DeepMetricException failure = assertThrows(DeepMetricException.class, () -> trainer.run(3, 3));
    assertTrue(failure.getMessage().contains("NaN at step 1"), failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    assertEquals("disk full while closing the log", failure.getSuppressed()[0].getMessage());

    Trainer<Sized> cleanRun = new Trainer<>(new ScriptedModel(0, 1f), () -> new Sized(8), guard, List.of(brokenClose));
    assertThrows(IllegalStateException.class, () -> cleanRun.run(1, 1), "alone, a close failure is the failure");
  }

  @Test
  void aTimeBudgetEndsTheRunLikeAStopAndStillRunsTheEndHook() {
    Recorder recorder = new Recorder();
    Trainer<Sized> trainer = new Trainer<>(new ScriptedModel(0, 1f), () -> {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Sized(8);
    }, NO_GUARD, List.of(recorder));
    trainer.stopAfter(0.1);
    long reached = trainer.run(1_000_000, 1_000_000);
    assertTrue(reached >= 2 && reached < 50, "about 0.1 s of 20 ms steps: " + reached);
    assertEquals("end " + reached, recorder.calls.get(recorder.calls.size() - 2));
  }

  @Test
  void batchesOfDifferentSizesCountTheirOwnImages() {
    ThroughputMeter meter = new ThroughputMeter();
    int[] sizes = {128, 128, 120, 96};
    List<Integer> drawn = new ArrayList<>();
    new Trainer<>(new ScriptedModel(0, 1f), () -> {
      Sized batch = new Sized(sizes[drawn.size()]);
      drawn.add(batch.size());
      return batch;
    }, NO_GUARD, List.of(meter)).run(4, 4);
    assertEquals(List.of(128, 128, 120, 96), drawn);
    assertEquals(3, meter.measuredSteps(), "the first step is left out");
    ThroughputMeter byHand = new ThroughputMeter();
    byHand.onStep(new StepRecord(1, 1, 1, Map.of("loss", 1f), 128, 9.0));
    byHand.onStep(new StepRecord(2, 1, 2, Map.of("loss", 1f), 120, 0.5));
    byHand.onStep(new StepRecord(3, 1, 3, Map.of("loss", 1f), 96, 0.5));
    assertEquals(216.0, byHand.imagesPerSecond(), 1e-9, "(120 + 96) images in 1 s, not 2 x 128");
  }

  @Test
  void aStopRequestEndsAfterTheCurrentStepAndStillRunsTheEndHook() {
    Recorder recorder = new Recorder();
    List<Trainer<Sized>> holder = new ArrayList<>();
    TrainingListener stopper = new TrainingListener() {
      @Override
      public void onStep(StepRecord record) {
        if (record.step() == 2) {
          holder.get(0).requestStop();
        }
      }
    };
    holder.add(new Trainer<>(new ScriptedModel(0, 1f), () -> new Sized(8), NO_GUARD, List.of(stopper, recorder)));
    assertEquals(2, holder.get(0).run(100, 10));
    assertEquals("end 2", recorder.calls.get(recorder.calls.size() - 2));
  }

  @Test
  void throughputLeavesTheFirstStepOut() {
    ThroughputMeter meter = new ThroughputMeter();
    meter.onStep(new StepRecord(1, 1, 1, Map.of("loss", 1f), 64, 1.0));
    meter.onStep(new StepRecord(2, 1, 2, Map.of("loss", 1f), 64, 0.01));
    meter.onStep(new StepRecord(3, 1, 3, Map.of("loss", 1f), 64, 0.03));
    assertEquals(20.0, meter.meanMillisPerStep(), 1e-9);
    assertEquals(3200.0, meter.imagesPerSecond(), 1e-6);
  }
}
