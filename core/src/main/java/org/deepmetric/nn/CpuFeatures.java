package org.deepmetric.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the CPU can do for bfloat16, from the flags Linux lists in /proc/cpuinfo: avx512_bf16
 * (AVX-512 BF16, e.g. AMD Zen 4, Intel Cooper Lake) or amx_bf16 (Intel AMX, Sapphire Rapids
 * on). Without either, oneDNN emulates bfloat16 and a bf16 graph ran 2.6 to 7 times slower than
 * fp32 on an AVX2 EPYC, so a bf16 request is turned into fp32 with one line that says why.
 */
public final class CpuFeatures {
  private static final Set<String> BF16_FLAGS = Set.of("avx512_bf16", "amx_bf16");
  /** oneDNN's names of the instruction sets below AVX512_CORE_BF16. */
  private static final Set<String> ISA_LIMITS_WITHOUT_BF16 = Set.of("SSE41", "AVX", "AVX2", "AVX2_VNNI",
      "AVX2_VNNI_2", "AVX512_CORE", "AVX512_CORE_VNNI");

  private CpuFeatures() {}

  /** The flags of the first CPU in /proc/cpuinfo; empty where there is none (not Linux). */
  public static Set<String> flags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
        }
      }
    } catch (IOException e) {
      // No /proc/cpuinfo: nothing is known, so nothing is claimed.
    }
    return Set.of();
  }

  /** Whether {@code flags} include bfloat16 instructions. */
  public static boolean hasBf16(Set<String> flags) {
    return flags.stream().anyMatch(BF16_FLAGS::contains);
  }

  /** The limit oneDNN puts on the instruction sets it uses ({@code ONEDNN_MAX_CPU_ISA}), null when unset. */
  public static String maxIsa() {
    return System.getenv("ONEDNN_MAX_CPU_ISA");
  }

  /**
   * Why bf16 cannot run when oneDNN is limited to {@code maxIsa} (null: no limit), or empty where the
   * limit allows bfloat16 instructions: below them, TensorFlow 2.18 stops the JVM with an illegal
   * instruction in a bf16 graph on a CPU that has them.
   */
  public static Optional<String> bf16BlockedByIsaLimit(String maxIsa) {
    if (maxIsa == null || !ISA_LIMITS_WITHOUT_BF16.contains(maxIsa.trim().toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of("ONEDNN_MAX_CPU_ISA=" + maxIsa + " keeps oneDNN below bfloat16 instructions, where TensorFlow"
        + " stops with an illegal instruction in bf16");
  }

  /** {@link #effective(Precision, Set, String, Consumer)} under this process's {@link #maxIsa()}. */
  public static Precision effective(Precision requested, Set<String> flags, Consumer<String> note) {
    return effective(requested, flags, maxIsa(), note);
  }

  /**
   * The precision to run: {@code requested}, except bf16 on a CPU without bfloat16 instructions or
   * with oneDNN limited below them, which becomes fp32 with a note to {@code note}.
   */
  public static Precision effective(Precision requested, Set<String> flags, String maxIsa, Consumer<String> note) {
    if (requested != Precision.BF16) {
      return requested;
    }
    if (!hasBf16(flags)) {
      note.accept("this CPU has no bfloat16 instructions (avx512_bf16 or amx_bf16), so bf16 would be emulated"
          + " several times slower than fp32; running in fp32");
      return Precision.FP32;
    }
    Optional<String> blocked = bf16BlockedByIsaLimit(maxIsa);
    blocked.ifPresent(reason -> note.accept(reason + "; running in fp32"));
    return blocked.isPresent() ? Precision.FP32 : requested;
  }
}
