package org.deepmetric.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.losses.MagnetLoss;
import org.deepmetric.losses.SoftmaxCrossEntropy;
import org.deepmetric.losses.TripletLoss;
import org.deepmetric.nn.Adam;
import org.deepmetric.nn.Dropout;
import org.deepmetric.nn.Initializer;
import org.deepmetric.nn.Precision;
import org.deepmetric.nn.VariableStore;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The re-identification training graph: the network in training mode, the chosen loss plus the
 * regularisers, the other metric losses as monitors, Adam and the global step.
 *
 * <p>As in the original, a classifier exists only in a classifying mode (cosine-softmax, softmax);
 * the triplet and magnet losses need no parameters and are computed in every mode.
 */
public final class ReidModel extends TrainingGraph<ReidBatch> {
  private final Placeholder<TUint8> images;
  private final Placeholder<TInt32> labels;
  private final Map<String, Operand<TFloat32>> scalars = new LinkedHashMap<>();
  private final Op trainOp;
  private final Placeholder<TFloat32> learningRateInput;
  private float learningRate;
  private final long[] parameterCounts;

  /** A model of {@code mode} over {@code numClasses} identities, with the original's settings until changed. */
  public static Builder builder(LossMode mode, int numClasses) {
    return new Builder(mode, numClasses);
  }

  private ReidModel(Builder b) {
    LossMode mode = b.mode;
    int numClasses = b.numClasses;
    ImageShape shape = b.shape;
    long seed = b.seed;
    ReidGraphSettings settings = b.settings;
    this.learningRate = b.learningRate;
    images = tf.withName("images").placeholder(TUint8.class,
        Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), ImageShape.CHANNELS)));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    VariableStore variables = new VariableStore(seed);
    List<Op> batchNormUpdates = new ArrayList<>();
    ReidNetwork.Embedding embedding = b.network.embed(tf, variables, b.precision, images, true, batchNormUpdates,
        settings.batchNormDecay(), settings.bnNeck(), Dropout.seeded(globalStep, seed));
    tf.withName("features").identity(embedding.exported());

    TripletLoss triplet = TripletLoss.build(tf, embedding.metric(), labels, settings.tripletMargin());
    Operand<TFloat32> magnet = MagnetLoss.build(tf, embedding.metric(), labels);
    Operand<TFloat32> selected = switch (mode) {
      case TRIPLET -> triplet.loss();
      case MAGNET -> magnet;
      case COSINE_SOFTMAX -> cosineSoftmax(tf, variables, embedding.exported(), numClasses, settings);
      case SOFTMAX -> softmax(tf, variables, embedding.classified(), numClasses, settings);
    };
    if (mode.classifies() && settings.tripletWeight() != 0) {
      selected = tf.math.add(selected, tf.math.mul(tf.constant(settings.tripletWeight()), triplet.loss()));
    }
    Operand<TFloat32> regularization = variables.regularization(tf);
    Operand<TFloat32> total = tf.withName("loss").math.add(selected, regularization);
    scalars.put("loss", total);
    scalars.put("triplet_loss", triplet.loss());
    scalars.put("magnet_loss", magnet);
    scalars.put("regularization", regularization);
    scalars.putAll(triplet.monitors());

    long head = variables.trainables().stream().filter(t -> t.name().startsWith("classifier/")
        || t.name().startsWith("ball/")).mapToLong(t -> t.variable().shape().size()).sum();
    long all = variables.trainables().stream().mapToLong(t -> t.variable().shape().size()).sum();
    parameterCounts = new long[] {all - head, head};
    learningRateInput = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    trainOp = Adam.minimize(tf, total, variables.trainables(), globalStep, learningRateInput, batchNormUpdates);
    startSession();
  }

  private Operand<TFloat32> cosineSoftmax(Ops tf, VariableStore variables, Operand<TFloat32> features, int numClasses,
      ReidGraphSettings settings) {
    CosineSoftmaxHead head = CosineSoftmaxHead.buildForDimension(tf, variables, features,
        (int) features.shape().get(1), numClasses, settings);
    scalars.put("kappa", head.kappa());
    return classifierLoss(tf, "cosine_softmax_loss", head.logits(), numClasses, settings);
  }

  /** A linear classifier without bias, N(0, 0.001) weights, as the "bag of tricks" baseline's. */
  private Operand<TFloat32> softmax(Ops tf, VariableStore variables, Operand<TFloat32> features, int numClasses,
      ReidGraphSettings settings) {
    Ops scoped = tf.withSubScope("classifier");
    Operand<TFloat32> weights = variables.trainable(scoped, "weights", Shape.of(features.shape().get(1), numClasses),
        Initializer.normal(1e-3f));
    return classifierLoss(tf, "softmax_loss", scoped.linalg.matMul(features, weights), numClasses, settings);
  }

  private Operand<TFloat32> classifierLoss(Ops tf, String name, Operand<TFloat32> logits, int numClasses,
      ReidGraphSettings settings) {
    Operand<TFloat32> loss = SoftmaxCrossEntropy.mean(tf, logits, labels, numClasses, settings.labelSmoothing());
    Operand<TFloat32> correct = tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(logits, tf.constant(1), TInt32.class), labels), TFloat32.class);
    scalars.put(name, loss);
    scalars.put("accuracy", tf.math.mean(correct, tf.constant(0)));
    return loss;
  }

  @Override
  protected OriginalNames.Program originalProgram() {
    return OriginalNames.Program.COSINE_METRIC_LEARNING;
  }

  @Override
  public Map<String, Float> trainStep(ReidBatch batch) {
    try (TUint8 x = TUint8.tensorOf(Shape.of(batch.size(), batch.shape().height(), batch.shape().width(),
             ImageShape.CHANNELS),
             DataBuffers.of(batch.images(), true, false));
         TInt32 y = TInt32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels(), true, false));
         TFloat32 rate = TFloat32.scalarOf(learningRate)) {
      Session.Runner runner = session().runner().feed(images, x).feed(labels, y).feed(learningRateInput, rate)
          .addTarget(trainOp);
      scalars.values().forEach(runner::fetch);
      Map<String, Float> values = new LinkedHashMap<>();
      try (Result result = tracer.run(runner)) {
        int i = 0;
        for (String name : scalars.keySet()) {
          values.put(name, ((TFloat32) result.get(i++)).getFloat());
        }
      }
      values.put("learning_rate", learningRate);
      return values;
    }
  }

  /** Trainable parameters of the network (BNNeck included) and of the classifier, in that order. */
  public long[] parameterCounts() {
    return parameterCounts.clone();
  }

  /** The learning rate of the steps from now on (a schedule changes it between steps). */
  public void setLearningRate(float learningRate) {
    this.learningRate = learningRate;
  }

  /** The original's settings (fp32, Adam 1e-3, seed 1, 128x64 crops), changed one named step at a time. */
  public static final class Builder {
    private final LossMode mode;
    private final int numClasses;
    private Precision precision = Precision.FP32;
    private float learningRate = 1e-3f;
    private long seed = 1;
    private ImageShape shape = ImageShape.DEFAULT;
    private ReidGraphSettings settings = ReidGraphSettings.ORIGINAL;
    private ReidNetwork network = ReidNetwork.COSINE;

    private Builder(LossMode mode, int numClasses) {
      this.mode = mode;
      this.numClasses = numClasses;
    }

    public Builder precision(Precision value) {
      precision = value;
      return this;
    }

    /** Adam's learning rate of the first step ({@link ReidModel#setLearningRate} changes it later). */
    public Builder learningRate(float value) {
      learningRate = value;
      return this;
    }

    /** Seeds the initial weights and the dropout masks. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder imageShape(ImageShape value) {
      shape = value;
      return this;
    }

    public Builder network(ReidNetwork value) {
      network = value;
      return this;
    }

    public Builder settings(ReidGraphSettings value) {
      settings = value;
      return this;
    }

    public ReidModel build() {
      return new ReidModel(this);
    }
  }
}
