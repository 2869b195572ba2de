package org.deepmetric.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** One line about the machine a benchmark ran on. */
final class MachineInfo {
  private MachineInfo() {}

  static String describe() {
    String cpu = "unknown CPU";
    String flags = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name") && cpu.equals("unknown CPU")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
        }
        if (line.startsWith("flags") && flags.isEmpty()) {
          flags = (line.contains("avx512_bf16") ? " avx512_bf16" : "") + (line.contains("avx512f") ? " avx512f" : "")
              + (line.contains("amx_bf16") ? " amx_bf16" : "");
        }
      }
    } catch (IOException e) {
      // Not Linux: the CPU name stays unknown.
    }
    Runtime runtime = Runtime.getRuntime();
    return String.format("machine: %s,%s; %d cores seen by the JVM; max heap %d MB; Java %s; TensorFlow %s; %s",
        cpu, flags, runtime.availableProcessors(), runtime.maxMemory() >> 20, System.getProperty("java.version"),
        org.tensorflow.TensorFlow.version(), LocalDate.now());
  }
}
