package org.deepmetric.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.DigitSet;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.losses.SoftmaxCrossEntropy;
import org.deepmetric.nn.Adam;
import org.deepmetric.nn.Layers;
import org.deepmetric.nn.Precision;
import org.deepmetric.nn.VariableStore;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The LeNet training graph, built once: network, loss, accuracy, Adam and the global step, plus
 * the session that holds its variables. Graph names are stable because frozen graphs and
 * checkpoints expose them: {@code input_image}, {@code labels}, {@code logits},
 * {@code probabilities}, {@code loss}, {@code accuracy}, {@code global_step}, {@code train_op}.
 */
public final class LenetModel extends TrainingGraph<DigitBatch> {
  public static final String INPUT = "input_image";
  public static final String LOGITS = "logits";
  public static final String PROBABILITIES = "probabilities";
  private static final int EVAL_BATCH = 1000;

  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> probabilities;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> accuracy;
  private final Op trainOp;

  private LenetModel(Precision precision, float learningRate, long seed) {
    images = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, MnistDataset.PIXELS)));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    VariableStore variables = new VariableStore(seed);
    Operand<TFloat32> logits = tf.withName(LOGITS).identity(buildLogits(Layers.of(tf, variables, precision, 0f), images));
    probabilities = tf.withName(PROBABILITIES).nn.softmax(logits);
    loss = tf.withName("loss").identity(SoftmaxCrossEntropy.mean(tf, logits, labels, MnistDataset.NUM_CLASSES));
    Operand<TFloat32> correct = tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(logits, tf.constant(1), TInt32.class), labels), TFloat32.class);
    accuracy = tf.withName("accuracy").math.mean(correct, tf.constant(0));
    trainOp = Adam.minimize(tf, loss, variables.trainables(), globalStep, tf.constant(learningRate), List.of());
    startSession();
  }

  /** A freshly initialised model; the same {@code seed} gives the same initial weights. */
  public static LenetModel create(Precision precision, float learningRate, long seed) {
    return new LenetModel(precision, learningRate, seed);
  }

  private static <T extends TFloating> Operand<TFloat32> buildLogits(Layers<T> layers, Operand<TFloat32> images) {
    return layers.toFloat32(LeNet.logits(layers, layers.cast(images)));
  }

  @Override
  protected OriginalNames.Program originalProgram() {
    return OriginalNames.Program.LENET_SEED;
  }

  @Override
  public Map<String, Float> trainStep(DigitBatch batch) {
    try (TFloat32 x = imagesTensor(batch); TInt32 y = labelsTensor(batch);
         Result result = tracer.run(session().runner().feed(images, x).feed(labels, y)
             .fetch(loss).fetch(accuracy).addTarget(trainOp))) {
      Map<String, Float> scalars = new LinkedHashMap<>();
      scalars.put("loss", ((TFloat32) result.get(0)).getFloat());
      scalars.put("accuracy", ((TFloat32) result.get(1)).getFloat());
      return scalars;
    }
  }

  /** Class probabilities [N, 10] of a batch, row-major. */
  public float[] probabilities(DigitBatch batch) {
    try (TFloat32 x = imagesTensor(batch);
         Result result = session().runner().feed(images, x).fetch(probabilities).run()) {
      float[] out = new float[batch.size() * MnistDataset.NUM_CLASSES];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /** The fraction of {@code set} classified correctly, by the graph's {@code accuracy} op in batches of 1,000. */
  public double accuracy(DigitSet set) {
    double correct = 0;
    for (int from = 0; from < set.size(); from += EVAL_BATCH) {
      DigitBatch batch = DigitBatch.of(set, from, Math.min(set.size(), from + EVAL_BATCH));
      try (TFloat32 x = imagesTensor(batch); TInt32 y = labelsTensor(batch);
           Result result = session().runner().feed(images, x).feed(labels, y).fetch(accuracy).run()) {
        correct += ((TFloat32) result.get(0)).getFloat() * batch.size();
      }
    }
    return Math.round(correct) / (double) set.size();
  }

  private static TFloat32 imagesTensor(DigitBatch batch) {
    return TFloat32.tensorOf(Shape.of(batch.size(), MnistDataset.PIXELS), DataBuffers.of(batch.images(), true, false));
  }

  private static TInt32 labelsTensor(DigitBatch batch) {
    return TInt32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels(), true, false));
  }
}
