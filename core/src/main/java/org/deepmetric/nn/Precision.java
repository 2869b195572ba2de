package org.deepmetric.nn;

import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;
import java.util.Locale;

/**
 * The number type layers compute in. Weights always stay float32 ("master weights") and are cast
 * on the way in, so Adam's small updates are not rounded away; only bf16 is offered as reduced
 * precision because float16 has no fast CPU kernels (3.5 to 4 times slower than float32 on
 * the CPUs measured).
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

  /** The spelling of {@code --precision_mode}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
