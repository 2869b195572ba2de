package org.deepmetric.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
  private static final Set<String> AVX2_ONLY = Set.of("sse4_2", "avx", "avx2", "fma");

  @Test
  void bf16WithoutBfloat16InstructionsRunsInFp32AndSaysWhy() {
    List<String> notes = new ArrayList<>();
    assertEquals(Precision.FP32, CpuFeatures.effective(Precision.BF16, AVX2_ONLY, notes::add));
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).startsWith("this CPU has no bfloat16 instructions (avx512_bf16 or amx_bf16)"), notes.get(0));
  }

  @Test
  void bf16UnderAnOneDnnLimitBelowBfloat16RunsInFp32AndSaysWhy() {
    Set<String> bf16Cpu = Set.of("avx2", "avx512f", "avx512_bf16");
    List<String> notes = new ArrayList<>();
    assertEquals(Precision.FP32, CpuFeatures.effective(Precision.BF16, bf16Cpu, "avx2", notes::add));
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).startsWith("ONEDNN_MAX_CPU_ISA=avx2 keeps oneDNN below bfloat16 instructions"), notes.get(0));
    assertEquals(Precision.BF16, CpuFeatures.effective(Precision.BF16, bf16Cpu, "AVX512_CORE_BF16", notes::add));
    assertEquals(Precision.BF16, CpuFeatures.effective(Precision.BF16, bf16Cpu, "ALL", notes::add));
    assertEquals(1, notes.size());
  }

  @Test
  void bf16StaysWhereTheCpuHasIt() {
    List<String> notes = new ArrayList<>();
    // No oneDNN limit (null), whatever this process's environment says: the suite also runs under one.
    assertEquals(Precision.BF16, CpuFeatures.effective(Precision.BF16, Set.of("avx2", "avx512f", "avx512_bf16"), null,
        notes::add));
    assertEquals(Precision.BF16, CpuFeatures.effective(Precision.BF16, Set.of("amx_bf16", "amx_tile"), null,
        notes::add));
    assertEquals(Precision.FP32, CpuFeatures.effective(Precision.FP32, AVX2_ONLY, null, notes::add));
    assertEquals(List.of(), notes);
  }
}
