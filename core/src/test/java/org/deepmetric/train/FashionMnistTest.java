package org.deepmetric.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.deepmetric.data.MnistDataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Real data: Fashion-MNIST from Debian's dataset-fashion-mnist, when installed. */
@EnabledIf("installed")
@Tag("slow")
class FashionMnistTest {
  static final Path FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

  static boolean installed() {
    return MnistDataset.find(FOLDER, "train-images-idx3-ubyte").isPresent();
  }

  @TempDir
  Path dir;

  @Test
  void loadsTheFullSetAndTrainsToASaneAccuracy() {
    MnistDataset data = MnistDataset.open(FOLDER, true, notice -> {
      throw new AssertionError("fell back to the sample: " + notice);
    });
    assertEquals(60_000, data.train().size());
    assertEquals(10_000, data.test().size());
    PrintWriter quiet = new PrintWriter(new ByteArrayOutputStream(), true);
    LenetTrainingConfig config = LenetTrainingConfig.in(dir).epochs(1).keepCheckpoints(1).build();
    TrainingReport report = new LenetTraining(config, quiet, quiet).run(data);
    // Chance is 0.10; a sigmoid LeNet passes 0.70 on Fashion-MNIST within 1,000 steps.
    assertTrue(report.finalAccuracy() > 0.70, "Fashion-MNIST accuracy " + report.finalAccuracy());
  }
}
