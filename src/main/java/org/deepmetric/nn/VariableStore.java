package org.deepmetric.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Creates the model's float32 variables under stable scoped names ({@code conv1/weights}) and
 * remembers which ones the optimizer trains. Each variable gets its own seed derived from the
 * model seed and its position, so the same {@code --seed} gives the same initial weights.
 */
public final class VariableStore {
  /** A trainable variable and the tensor the network reads it through. */
  public record Trainable(String name, Variable<TFloat32> variable, Operand<TFloat32> read) {}

  private final long seed;
  private final List<Trainable> trainable = new ArrayList<>();

  public VariableStore(long seed) {
    this.seed = seed;
  }

  /** A new trainable variable {@code name} in the layer scope of {@code scoped}. */
  public Operand<TFloat32> trainable(Ops scoped, String name, Shape shape, Initializer init) {
    Ops initScope = scoped.withInitScope();
    long variableSeed = seed * 1_000_003L + trainable.size();
    Variable<TFloat32> variable = scoped.withName(name).variable(init.initialValue(initScope, shape, variableSeed));
    // Read through Identity: gradients taken straight at a reference-typed variable can crash
    // the C++ gradient code (ENGINE.md), and the read is also where a bf16 cast attaches.
    Operand<TFloat32> read = scoped.withName(name + "_read").identity(variable);
    String scopedName = variable.op().name();
    trainable.add(new Trainable(scopedName, variable, read));
    return read;
  }

  public List<Trainable> trainables() {
    return Collections.unmodifiableList(trainable);
  }
}
