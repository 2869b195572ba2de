package org.deepmetric.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.deepmetric.nn.CpuFeatures;
import org.deepmetric.nn.Precision;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * {@code deepmetric bench}: the machine, the FLOP ceiling of its matrix products, then the parts
 * {@code --only} picks, one class each: both networks' throughput in float32 and bfloat16
 * ({@link NetworkThroughput}), batch-norm folding, TensorFlow against ONNX Runtime, the input
 * pipeline, the eval watcher, evaluations at the datasets' sizes, the trackers' assignment
 * solver, and the trackers on crowds.
 */
public final class Benchmarks {
  /** What {@code --only} can pick. */
  public enum Part {
    LENET, REID, FOLD, SERVE, EVAL, LOADER, WATCHER, ASSIGNMENT, TRACKERS;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final boolean quick;
  private final boolean profile;
  private final Set<Part> parts;
  private final PrintWriter out;

  /**
   * Measures the {@code parts} named (lenet, reid, eval); with {@code profile}, each training row
   * is followed by the op types its step spends kernel time in.
   */
  public Benchmarks(boolean quick, boolean profile, Set<Part> parts, PrintWriter out) {
    this.quick = quick;
    this.profile = profile;
    this.parts = parts;
    this.out = out;
  }

  public void run(Path workDir) {
    out.println(MachineInfo.describe());
    int n = quick ? 1024 : 2048;
    double ceilingFp32 = MatMulCeiling.gflops(TFloat32.class, n, quick ? 3 : 10, quick ? 3 : 5);
    double ceilingBf16 = 0;
    List<Precision> precisions = List.of(Precision.values());
    Optional<String> bf16Blocked = CpuFeatures.bf16BlockedByIsaLimit(CpuFeatures.maxIsa());
    if (bf16Blocked.isPresent()) {
      precisions = List.of(Precision.FP32);
      out.println("note: no bf16 figures: " + bf16Blocked.get());
      out.printf(Locale.ROOT, "ceiling: %d x %d matrix product %.0f GFLOP/s float32%n%n", n, n, ceilingFp32);
    } else {
      ceilingBf16 = MatMulCeiling.gflops(TBfloat16.class, n, quick ? 3 : 10, quick ? 3 : 5);
      out.printf(Locale.ROOT, "ceiling: %d x %d matrix product %.0f GFLOP/s float32, %.0f GFLOP/s bfloat16%n%n", n, n,
          ceilingFp32, ceilingBf16);
    }
    ThroughputTable table = new ThroughputTable(ceilingFp32, ceilingBf16, out);
    table.printHeader();
    NetworkThroughput networks = new NetworkThroughput(quick, profile, table, out);
    if (parts.contains(Part.LENET)) {
      for (Precision precision : precisions) {
        networks.lenetTraining(64, precision);
        networks.lenetTraining(256, precision);
      }
      networks.lenetInference(256);
    }
    if (parts.contains(Part.REID)) {
      for (Precision precision : precisions) {
        networks.reidTraining(128, precision);
      }
      for (Precision precision : precisions) {
        networks.reidInference(128, precision, workDir);
      }
    }
    table.printRows();
    if (parts.contains(Part.FOLD)) {
      FoldingBenchmark.run(workDir, quick, out);
    }
    if (parts.contains(Part.SERVE)) {
      ServingBenchmark.run(workDir, quick, out);
    }
    if (parts.contains(Part.LOADER)) {
      LoaderBenchmark.run(workDir, quick, out);
    }
    if (parts.contains(Part.WATCHER)) {
      WatcherBenchmark.run(workDir, out);
    }
    if (parts.contains(Part.EVAL)) {
      EvaluationBenchmark.marketSized(out);
      EvaluationBenchmark.marsSized(out);
    }
    if (parts.contains(Part.ASSIGNMENT)) {
      AssignmentBenchmark.run(quick, out);
    }
    if (parts.contains(Part.TRACKERS)) {
      TrackerBenchmark.run(workDir, quick, out);
    }
  }
}
