package org.deepmetric.nn;

import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * The number type layers compute in. Weights always stay float32 ("master weights") and are cast
 * on the way in, so Adam's small updates are not rounded away; only bf16 is offered as reduced
 * precision because float16 has no fast CPU kernels (ENGINE.md).
 */
public enum Precision {
  FP32(TFloat32.class),
  BF16(TBfloat16.class);

  private final Class<? extends TFloating> computeType;

  Precision(Class<? extends TFloating> computeType) {
    this.computeType = computeType;
  }

  public Class<? extends TFloating> computeType() {
    return computeType;
  }

  /** Parses the flag value {@code fp32} or {@code bf16}, in any case. */
  public static Precision parse(String value) {
    for (Precision precision : values()) {
      if (precision.name().equalsIgnoreCase(value)) {
        return precision;
      }
    }
    throw new IllegalArgumentException("expected fp32 or bf16, got '" + value + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
