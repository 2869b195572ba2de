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
import org.deepmetric.nn.Layers;
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
 * The re-identification training graph: the cosine-metric network in training mode, the chosen
 * loss plus the regularisers, the other metric losses as monitors, Adam and the global step.
 *
 * <p>As in the original, the cosine-softmax classifier exists only in cosine-softmax mode; the
 * triplet and magnet losses need no parameters and are computed in every mode.
 */
public final class ReidModel extends TrainingGraph<ReidBatch> {
  private final Placeholder<TUint8> images;
  private final Placeholder<TInt32> labels;
  private final Map<String, Operand<TFloat32>> scalars = new LinkedHashMap<>();
  private final Op trainOp;
  private final Placeholder<TFloat32> learningRateInput;
  private float learningRate;

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
    Operand<TFloat32> features = tf.withName("features").identity(CosineMetricNet.features(
        Layers.of(tf, variables, b.precision, CosineMetricNet.WEIGHT_DECAY), images, true, batchNormUpdates,
        settings.batchNormDecay(), Dropout.seeded(globalStep, seed)));

    TripletLoss triplet = TripletLoss.build(tf, features, labels);
    Operand<TFloat32> magnet = MagnetLoss.build(tf, features, labels);
    Operand<TFloat32> selected = switch (mode) {
      case TRIPLET -> triplet.loss();
      case MAGNET -> magnet;
      case COSINE_SOFTMAX -> cosineSoftmax(tf, variables, features, numClasses, settings);
    };
    if (mode == LossMode.COSINE_SOFTMAX && settings.tripletWeight() != 0) {
      selected = tf.math.add(selected, tf.math.mul(tf.constant(settings.tripletWeight()), triplet.loss()));
    }
    Operand<TFloat32> regularization = variables.regularization(tf);
    Operand<TFloat32> total = tf.withName("loss").math.add(selected, regularization);
    scalars.put("loss", total);
    scalars.put("triplet_loss", triplet.loss());
    scalars.put("magnet_loss", magnet);
    scalars.put("regularization", regularization);
    scalars.putAll(triplet.monitors());

    learningRateInput = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    trainOp = Adam.minimize(tf, total, variables.trainables(), globalStep, learningRateInput, batchNormUpdates);
    startSession();
  }

  private Operand<TFloat32> cosineSoftmax(Ops tf, VariableStore variables, Operand<TFloat32> features, int numClasses,
      ReidGraphSettings settings) {
    CosineSoftmaxHead head = CosineSoftmaxHead.build(tf, variables, features, numClasses, settings);
    Operand<TFloat32> loss = SoftmaxCrossEntropy.mean(tf, head.logits(), labels, numClasses);
    Operand<TFloat32> correct = tf.dtypes.cast(
        tf.math.equal(tf.math.argMax(head.logits(), tf.constant(1), TInt32.class), labels), TFloat32.class);
    scalars.put("cosine_softmax_loss", loss);
    scalars.put("accuracy", tf.math.mean(correct, tf.constant(0)));
    scalars.put("kappa", head.kappa());
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

    public Builder settings(ReidGraphSettings value) {
      settings = value;
      return this;
    }

    public ReidModel build() {
      return new ReidModel(this);
    }
  }
}
