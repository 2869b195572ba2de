package org.deepmetric.cli;

import java.util.Optional;
import org.deepmetric.nn.Precision;

/**
 * {@code --precision_mode}: deepmetric's two modes, and the four the LeNet seed hands to the
 * Ascend NPU's optimizer, so the seed's scripts run unchanged. The NPU modes mean float16 on that
 * chip; float16 has no fast CPU kernels, so they train in float32 here and say so.
 */
enum PrecisionMode {
  FP32("fp32", Precision.FP32),
  BF16("bf16", Precision.BF16),
  ALLOW_FP32_TO_FP16("allow_fp32_to_fp16", Precision.FP32),
  FORCE_FP16("force_fp16", Precision.FP32),
  ALLOW_MIX_PRECISION("allow_mix_precision", Precision.FP32),
  MUST_KEEP_ORIGIN_DTYPE("must_keep_origin_dtype", Precision.FP32);

  private final String flag;
  private final Precision precision;

  PrecisionMode(String flag, Precision precision) {
    this.flag = flag;
    this.precision = precision;
  }

  Precision precision() {
    return precision;
  }

  /** What to tell a user who asked for an NPU float16 mode. */
  Optional<String> note() {
    return switch (this) {
      case ALLOW_FP32_TO_FP16, FORCE_FP16, ALLOW_MIX_PRECISION -> Optional.of("--precision_mode " + flag
          + " is an Ascend NPU float16 mode; this CPU trains in fp32 (--precision_mode bf16 is its reduced precision)");
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return flag;
  }
}
