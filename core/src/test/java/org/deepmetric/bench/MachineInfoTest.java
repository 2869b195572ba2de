package org.deepmetric.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MachineInfoTest {
  @Test
  void listsTheVectorFlagsSortedAndLeavesTheOthersOut() {
    Set<String> flags = Set.of("sse2", "avx512f", "avx2", "amx_bf16", "fma", "avx512_bf16", "fpu", "avx");
    assertEquals("amx_bf16 avx avx2 avx512_bf16 avx512f fma", MachineInfo.vectorFlags(flags));
    assertEquals("no vector flags seen", MachineInfo.vectorFlags(Set.of("fpu", "sse2")));
  }

  @Test
  void primitivesAreCachedOnlyWhenTensorFlowReadsFalse() {
    assertEquals("oneDNN primitives cached", MachineInfo.primitiveCaching("false"));
    assertEquals("oneDNN primitives cached", MachineInfo.primitiveCaching("FALSE"));
    assertEquals("oneDNN primitives cached", MachineInfo.primitiveCaching("0"));
    assertTrue(MachineInfo.primitiveCaching(null).contains("rebuilt every step (TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE=unset"));
    assertTrue(MachineInfo.primitiveCaching("1").contains("rebuilt every step (TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE=1;"));
  }

  @Test
  void theMachineLineNamesTheCpuJavaAndTensorFlow() {
    String line = MachineInfo.describe();
    assertTrue(line.startsWith("machine: "), line);
    assertTrue(line.contains("Java " + System.getProperty("java.version")), line);
    assertTrue(line.contains("TensorFlow 2."), line);
  }
}
