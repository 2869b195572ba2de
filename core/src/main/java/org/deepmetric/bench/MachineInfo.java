package org.deepmetric.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepmetric.nn.CpuFeatures;

/** One line about the machine a benchmark ran on. */
final class MachineInfo {
  private MachineInfo() {}

  static String describe() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      // Not Linux: the CPU name stays unknown.
    }
    Runtime runtime = Runtime.getRuntime();
    return String.format("machine: %s, %s; %d cores seen by the JVM; max heap %d MB; Java %s; TensorFlow %s, %s; %s",
        cpu, vectorFlags(CpuFeatures.flags()), runtime.availableProcessors(), runtime.maxMemory() >> 20,
        System.getProperty("java.version"), org.tensorflow.TensorFlow.version(),
        primitiveCaching(System.getenv("TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE")), LocalDate.now());
  }

  /**
   * Whether TensorFlow keeps its oneDNN convolution primitives between steps, as it reads the
   * variable ({@code null}: unset): only "false" or "0" keep the weight-gradient ones, which
   * otherwise are rebuilt every step and make a small network's step up to 10% slower.
   */
  static String primitiveCaching(String memUse) {
    boolean cached = memUse != null && (memUse.equalsIgnoreCase("false") || memUse.equals("0"));
    return cached ? "oneDNN primitives cached"
        : "oneDNN weight-gradient primitives rebuilt every step (TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE="
            + (memUse == null ? "unset" : memUse) + "; ./deepmetric sets false)";
  }

  /**
   * The flags that decide which kernels oneDNN runs (AVX, AVX-512, AMX, FMA), sorted: a figure is
   * only comparable with one measured on the same set; "no vector flags seen" off Linux.
   */
  static String vectorFlags(Set<String> flags) {
    String listed = flags.stream().filter(f -> f.startsWith("avx") || f.startsWith("amx") || f.equals("fma"))
        .sorted().collect(Collectors.joining(" "));
    return listed.isEmpty() ? "no vector flags seen" : listed;
  }
}
