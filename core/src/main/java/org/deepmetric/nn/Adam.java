package org.deepmetric.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Adam (Kingma and Ba) with TensorFlow's defaults (beta1 0.9, beta2 0.999, epsilon 1e-8), built
 * from the raw {@code ApplyAdam} op on an explicit variable list: the framework's
 * {@code Optimizer.minimize} (TensorFlow Java 1.1.0) fails on variables off the loss path, such
 * as batch norm's moving statistics. The bias-correction
 * powers come from the global step, so the step variable is the optimizer's only clock.
 */
public final class Adam {
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;
  public static final float EPSILON = 1e-8f;

  private Adam() {}

  /**
   * Adds the gradient and update ops for {@code loss} over {@code trainables}; the returned op
   * applies one step, runs {@code alsoRun} (batch-norm statistics, say) and then increments
   * {@code globalStep}.
   */
  public static Op minimize(Ops tf, Operand<TFloat32> loss, List<VariableStore.Trainable> trainables,
      Variable<TInt64> globalStep, Operand<TFloat32> learningRate, List<Op> alsoRun) {
    List<Operand<TFloat32>> reads = new ArrayList<>();
    trainables.forEach(t -> reads.add(t.read()));
    Gradients gradients = tf.gradients(loss, reads);

    Ops adam = tf.withSubScope("Adam");
    Operand<TFloat32> t = adam.math.add(adam.dtypes.cast(globalStep, TFloat32.class), adam.constant(1f));
    Operand<TFloat32> beta1Power = adam.math.pow(adam.constant(BETA1), t);
    Operand<TFloat32> beta2Power = adam.math.pow(adam.constant(BETA2), t);
    Operand<TFloat32> beta1 = adam.constant(BETA1);
    Operand<TFloat32> beta2 = adam.constant(BETA2);
    Operand<TFloat32> epsilon = adam.constant(EPSILON);

    List<Op> updates = new ArrayList<>(alsoRun);
    for (int i = 0; i < trainables.size(); i++) {
      VariableStore.Trainable trainable = trainables.get(i);
      Ops slots = adam.withSubScope(trainable.name().replace('/', '_'));
      Ops init = slots.withInitScope();
      Operand<TInt64> shape = init.constant(trainable.variable().shape());
      Variable<TFloat32> m = slots.withName("m").variable(init.zeros(shape, TFloat32.class));
      Variable<TFloat32> v = slots.withName("v").variable(init.zeros(shape, TFloat32.class));
      updates.add(slots.train.applyAdam(trainable.variable(), m, v, beta1Power, beta2Power,
          learningRate, beta1, beta2, epsilon, gradients.<TFloat32>dy(i)));
    }
    return tf.withControlDependencies(updates).withName("train_op").assignAdd(globalStep, tf.constant(1L));
  }
}
