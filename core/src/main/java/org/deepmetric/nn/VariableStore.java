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
 * Creates the model's float32 variables under stable scoped names ({@code conv1/weights}),
 * remembers which ones the optimizer trains and which carry L2 weight decay. Each variable gets
 * its own seed derived from the model seed and its position, so the same {@code --seed} gives the
 * same initial weights.
 */
public final class VariableStore {
  /** A trainable variable, the tensor the network reads it through, and its L2 regulariser scale. */
  public record Trainable(String name, Variable<TFloat32> variable, Operand<TFloat32> read, float l2) {}

  private final long seed;
  private final List<Trainable> trainable = new ArrayList<>();
  private int created;

  public VariableStore(long seed) {
    this.seed = seed;
  }

  /** A new trainable variable {@code name} in the layer scope of {@code scoped}, without weight decay. */
  public Operand<TFloat32> trainable(Ops scoped, String name, Shape shape, Initializer init) {
    return trainable(scoped, name, shape, init, 0f);
  }

  /** A new trainable variable whose loss term is {@code l2} x sum(w^2) / 2, as tf.nn.l2_loss scales it. */
  public Operand<TFloat32> trainable(Ops scoped, String name, Shape shape, Initializer init, float l2) {
    Variable<TFloat32> variable = create(scoped, name, shape, init);
    // Read through Identity: gradients taken straight at a reference-typed variable can crash
    // the C++ gradient code (SquareGrad on a DT_FLOAT_REF input took the JVM down in TensorFlow
    // 2.18), and the read is also where a bf16 cast attaches.
    Operand<TFloat32> read = scoped.withName(name + "_read").identity(variable);
    trainable.add(new Trainable(variable.op().name(), variable, read, l2));
    return read;
  }

  /** A variable the optimizer leaves alone (batch-norm moving statistics). */
  public Variable<TFloat32> nonTrainable(Ops scoped, String name, Shape shape, Initializer init) {
    return create(scoped, name, shape, init);
  }

  private Variable<TFloat32> create(Ops scoped, String name, Shape shape, Initializer init) {
    long variableSeed = seed * 1_000_003L + created++;
    return scoped.withName(name).variable(init.initialValue(scoped.withInitScope(), shape, variableSeed));
  }

  public List<Trainable> trainables() {
    return Collections.unmodifiableList(trainable);
  }

  /** The sum of all weight-decay terms, or a constant 0 when no variable has one. */
  public Operand<TFloat32> regularization(Ops tf) {
    Operand<TFloat32> total = tf.constant(0f);
    for (Trainable t : trainable) {
      if (t.l2() > 0) {
        Operand<TFloat32> squares = tf.reduceSum(tf.math.square(t.read()), tf.range(tf.constant(0),
            tf.rank(t.read()), tf.constant(1)));
        total = tf.math.add(total, tf.math.mul(squares, tf.constant(t.l2() / 2)));
      }
    }
    return total;
  }
}
