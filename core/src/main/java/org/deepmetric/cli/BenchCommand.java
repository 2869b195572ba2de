package org.deepmetric.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deepmetric.DeepMetricException;
import org.deepmetric.bench.Benchmarks;
import org.deepmetric.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric bench}: images/s of both networks and the share of the machine's FLOP ceiling. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Measure images/s of both networks against the machine's FLOP ceiling.",
    description = {
        "Measure training and frozen-graph inference of LeNet (batch 64, 256) and the re-ID network "
            + "(batch 128) in fp32 and bf16: ms/step, images/s, GFLOP/s and the share of the FLOP ceiling "
            + "that the same run measures with a large matrix product (bf16 rows say \"emulated\" on CPUs "
            + "without bfloat16 instructions); Market-1501- and MARS-sized evaluations on synthetic features "
            + "under both protocols; crops/s of the training input pipeline on 1, 2 and 4 threads; and ms per "
            + "solve of the trackers' assignment solver at 100, 400 and 1000 square; frames/s of every tracker on "
            + "synthetic crowds of 100 and 300 people a frame. "
            + "Medians of several rounds, warm-up left out. Takes about 5 minutes; --quick about 1. "
            + "--only watcher (not in the default set: about 5 minutes of its own) times one eval-watcher "
            + "evaluation at Market-1501's and MARS's validation sizes, against encoding every crop."})
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "Fewer steps and rounds.")
  boolean quick;

  @Option(names = "--profile", description = "After each training row, the op types that take its kernel time.")
  boolean profile;

  @Option(names = "--only", split = ",", paramLabel = "PART",
      defaultValue = "lenet,reid,fold,serve,eval,loader,assignment,trackers",
      description = "Parts to run, comma-separated, of ${COMPLETION-CANDIDATES} (default: all but watcher).")
  Set<Benchmarks.Part> parts;

  @Override
  public Integer call() {
    Path work;
    try {
      work = Files.createTempDirectory("deepmetric-bench");
    } catch (IOException e) {
      throw new DeepMetricException("cannot create a temporary folder (" + e.getMessage() + ")", e);
    }
    try {
      new Benchmarks(quick, profile, parts, spec.commandLine().getOut()).run(work);
    } finally {
      AtomicFiles.deleteTree(work);
    }
    return 0;
  }
}
