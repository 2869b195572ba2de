package org.deepmetric.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.EventFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Locale;

/** One real training run on the bundled sample, shared by the tests below. */
class LenetTrainingTest {
  private static final PrintWriter QUIET = new PrintWriter(new ByteArrayOutputStream(), true);

  @TempDir
  static Path dir;

  static Path output;
  static TrainingReport report;
  static String messages;

  static LenetTrainingConfig config(Path outputDir, int steps, int epochs, Path restore) {
    return LenetTrainingConfig.in(outputDir).stepsPerEpoch(steps).epochs(epochs).restorePath(restore).build();
  }

  @BeforeAll
  static void train() {
    output = dir.resolve("run");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report = new LenetTraining(config(output, 500, 2, null), new PrintWriter(out, true), QUIET)
        .run(MnistDataset.bundledSample());
    messages = out.toString();
  }

  @Test
  void aThousandStepsOnTheBundledSamplePassNinetyPercent() {
    assertTrue(report.finalAccuracy() > 0.90, "test accuracy " + report.finalAccuracy());
    assertEquals(1, report.firstStep());
    assertEquals(1000, report.lastStep());
    assertTrue(report.imagesPerSecond() > 0 && Double.isFinite(report.imagesPerSecond()));
    assertTrue(messages.contains("validation/accuracy"), messages);
  }

  @Test
  void writesTheSeedsReportAndLogLines() throws IOException {
    String text = Files.readString(output.resolve("report.txt"));
    assertTrue(text.contains(String.format(Locale.ROOT, "Final Accuracy : %.4f", report.finalAccuracy())));
    assertTrue(text.contains("Final Performance images/sec : "));
    assertTrue(text.contains("E2E Training Duration sec : "));
    List<String> log = Files.readAllLines(output.resolve("train.log"));
    assertTrue(log.get(0).matches("epoch : 0----step : 0----loss : \\d+\\.\\d+----sec/step : \\d+\\.\\d+"), log.get(0));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch : 1----step : 499----")));
    assertEquals(1000, log.stream().filter(l -> l.startsWith("epoch : ")).count());
  }

  @Test
  void savesACheckpointPerEpochAndWritesTensorBoardScalars() throws IOException {
    CheckpointStore store = new CheckpointStore(output.resolve("checkpoints"), 0);
    assertEquals(List.of("model.ckpt-500", "model.ckpt-1000"),
        store.list().stream().map(p -> p.getFileName().toString()).toList());
    Path events;
    try (Stream<Path> files = Files.list(output.resolve("train"))) {
      events = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).findFirst().orElseThrow();
    }
    List<String> tags = EventFiles.scalars(events).stream().map(EventFiles.Scalar::tag).distinct().toList();
    assertTrue(tags.containsAll(List.of("train/loss", "train/accuracy", "train/images_per_sec", "validation/accuracy")),
        tags.toString());
  }

  @Test
  void resumingCarriesTheStepCountOn() {
    Path resumed = dir.resolve("resumed");
    TrainingReport more = new LenetTraining(config(resumed, 500, 1, output.resolve("checkpoints")), QUIET, QUIET)
        .run(MnistDataset.bundledSample());
    assertEquals(1001, more.firstStep());
    assertEquals(1500, more.lastStep());
    assertTrue(more.checkpoint().endsWith("model.ckpt-1500"));
    assertTrue(more.finalAccuracy() > 0.90);
  }
}
