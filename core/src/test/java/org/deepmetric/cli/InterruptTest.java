package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deepmetric.io.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a run from outside (Ctrl-C or SIGTERM, which take the same shutdown path) saves a
 * final checkpoint and still writes the seed's report. The run is a child JVM so the test can
 * signal it.
 */
class InterruptTest {
  @TempDir
  Path dir;

  @Test
  void aStoppedLenetRunSavesItsCheckpointAndReport() throws IOException, InterruptedException {
    Path output = dir.resolve("output");
    // An empty folder named explicitly: the bundled sample, whatever ./MNIST holds where the tests run.
    Path noMnist = Files.createDirectories(dir.resolve("no-mnist"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(java.toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        DeepMetric.class.getName(), "lenet", "train", "--steps=1000000", "--epochs=1", "--output_dir=" + output, "--data_path=" + noMnist)
        .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
    Path log = output.resolve("train.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!loggedAStep(log) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(loggedAStep(log), "training logged its steps before the stop");
    run.destroy();
    assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run ends after the stop");
    List<Path> checkpoints = new CheckpointStore(output.resolve("checkpoints"), 0).list();
    assertEquals(1, checkpoints.size(), "one checkpoint, at the step where it stopped");
    String report = Files.readString(output.resolve("report.txt"));
    assertTrue(report.contains("Final Accuracy : ") && report.contains("checkpoint : " + checkpoints.get(0)), report);
    assertTrue(Files.readString(dir.resolve("console.txt")).contains("Final Performance images/sec"));
  }

  /** Whether the seed's per-step line has reached the log (the tenth step, so several ran). */
  private static boolean loggedAStep(Path log) throws IOException {
    return Files.exists(log) && Files.readString(log).contains("epoch : 0----step : 9----");
  }
}
