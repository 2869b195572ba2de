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
import org.deepmetric.data.reid.IdentitySplit;
import org.deepmetric.data.reid.Mars;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMars;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.io.EventFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;

class ReidTrainingTest {
  @TempDir
  Path dir;

  private ReidTrainingConfig config(long steps) {
    return ReidTrainingConfig.in(dir.resolve("logs/run")).batchSize(8).numberOfSteps(steps)
        .keepCheckpoints(0).loaderThreads(2).build();
  }

  @Tag("slow")
  @Test
  void aRunFolderIsResumedWithItsStepCountAndSplit() throws IOException {
    SyntheticMars.write(dir.resolve("mars"), new SynthOptions(30, 3, 0, 0, 2));
    Mars mars = Mars.open(dir.resolve("mars"), true, w -> {});
    PrintWriter quiet = new PrintWriter(new ByteArrayOutputStream(), true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertEquals(2, new ReidTraining(config(2), quiet, quiet).run(mars));
    Path run = dir.resolve("logs/run");
    IdentitySplit split = IdentitySplit.load(run.resolve(IdentitySplit.FILE_NAME));
    assertEquals(1, split.validationIds().size());

    PrintWriter both = new PrintWriter(out, true);
    assertEquals(3, new ReidTraining(config(3), both, both).run(mars));
    assertTrue(out.toString().contains("resuming from " + run.resolve("model.ckpt-2") + " at step 2"), out.toString());
    assertEquals(split, IdentitySplit.load(run.resolve(IdentitySplit.FILE_NAME)));
    assertEquals(List.of(run.resolve("model.ckpt-2"), run.resolve("model.ckpt-3")),
        new CheckpointStore(run, 0).list());
    List<String> log = Files.readAllLines(run.resolve("train.log"));
    assertTrue(log.stream().anyMatch(l -> l.matches("global step 3: loss = \\d+\\.\\d{4} \\(\\d+\\.\\d{3} sec/step\\)")),
        log.toString());

    assertEquals(3, new ReidTraining(config(3), quiet, quiet).run(mars), "nothing left to do at step 3");
    try (Stream<Path> files = Files.list(run)) {
      List<Path> events = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).toList();
      List<String> tags = new ArrayList<>();
      for (Path file : events) {
        EventFiles.scalars(file).forEach(s -> tags.add(s.tag()));
      }
      assertTrue(tags.containsAll(List.of("train/loss", "train/cosine_softmax_loss", "train/triplet_loss",
          "train/magnet_loss", "train/accuracy", "train/kappa", "train/images_per_sec", "train/learning_rate")),
          tags.toString());
    }
  }
}
