package org.deepmetric.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepmetric.nn.CpuFeatures;
import org.deepmetric.nn.Precision;

/**
 * The throughput table: one row per measured network, work, batch and precision, with GFLOP/s and
 * the share of the matrix-product ceiling the same run measured for that precision.
 */
final class ThroughputTable {
  private final double ceilingFp32;
  private final double ceilingBf16;
  private final PrintWriter out;
  private final List<String> rows = new ArrayList<>();

  /** {@code ceilingBf16} is 0 where bf16 is not measured. */
  ThroughputTable(double ceilingFp32, double ceilingBf16, PrintWriter out) {
    this.ceilingFp32 = ceilingFp32;
    this.ceilingBf16 = ceilingBf16;
    this.out = out;
  }

  /** Adds a row of {@code seconds} per step of {@code batch} images of {@code flopPerImage}, and says so at once. */
  void row(String network, String work, int batch, Precision precision, double seconds, double flopPerImage) {
    double imagesPerSecond = batch / seconds;
    double gflops = imagesPerSecond * flopPerImage / 1e9;
    double ceiling = precision == Precision.BF16 ? ceilingBf16 : ceilingFp32;
    String label = precision == Precision.BF16 && !CpuFeatures.hasBf16(CpuFeatures.flags()) ? "bf16 (emulated)"
        : precision.toString();
    rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.0f | %.1f | %.0f%% |", network, work, batch,
        label, seconds * 1000, imagesPerSecond, gflops, 100 * gflops / ceiling));
    out.printf(Locale.ROOT, "measured %s %s batch %d %s: %.0f images/s%n", network, work, batch, precision,
        imagesPerSecond);
  }

  /** The table's header, printed before the measurements' own lines. */
  void printHeader() {
    out.println("| network | work | batch | precision | ms/step | images/s | GFLOP/s | of ceiling |");
    out.println("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |");
  }

  /** Every row, then a blank line. */
  void printRows() {
    rows.forEach(out::println);
    out.println();
  }
}
