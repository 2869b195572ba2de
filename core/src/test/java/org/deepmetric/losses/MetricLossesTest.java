package org.deepmetric.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deepmetric.models.CosineSoftmaxHead;
import org.deepmetric.models.ReidGraphSettings;
import org.deepmetric.nn.VariableStore;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Each loss against the same formula computed by hand in double precision on a tiny batch. */
class MetricLossesTest {
  private static final float[][] FEATURES = {{0.6f, 0.8f}, {0.8f, 0.6f}, {-0.6f, 0.8f}, {0.1f, -0.9f}, {0.0f, 1.0f}};
  private static final int[] LABELS = {3, 3, 7, 7, 9};

  private interface LossBuilder {
    Operand<TFloat32> build(Ops tf, Operand<TFloat32> features, Operand<TInt32> labels);
  }

  private static float evaluate(LossBuilder builder) {
    return evaluate(builder, FEATURES, LABELS);
  }

  private static float evaluate(LossBuilder builder, float[][] rows, int[] classes) {
    int dim = rows[0].length;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, dim)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> loss = builder.build(tf, x, y);
      float[] flat = new float[rows.length * dim];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(rows[i], 0, flat, i * dim, dim);
      }
      try (Session session = new Session(graph);
           TFloat32 features = TFloat32.tensorOf(Shape.of(rows.length, dim), DataBuffers.of(flat, true, false));
           TInt32 labels = TInt32.tensorOf(Shape.of(classes.length), DataBuffers.of(classes, true, false));
           Result result = session.runner().feed(x, features).feed(y, labels).fetch(loss).run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }

  private static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += (a[k] - b[k]) * (a[k] - b[k]);
    }
    return sum;
  }

  private static double[] row(int i) {
    return new double[] {FEATURES[i][0], FEATURES[i][1]};
  }

  @Test
  void tripletLossMatchesTheBatchHardSoftMarginDefinition() {
    int n = LABELS.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double hardestPositive = 0;
      double hardestNegative = Double.MAX_VALUE;
      for (int j = 0; j < n; j++) {
        double d = Math.sqrt(Math.max(0, 1e-5 + squaredDistance(row(i), row(j))));
        if (LABELS[i] == LABELS[j]) {
          hardestPositive = Math.max(hardestPositive, d);
        } else {
          hardestNegative = Math.min(hardestNegative, d);
        }
      }
      total += Math.log1p(Math.exp(hardestPositive - hardestNegative));
    }
    assertEquals(total / n, evaluate((tf, x, y) -> TripletLoss.build(tf, x, y).loss()), 1e-5);
  }

  /**
   * Worked by hand: in one dimension, person A at 0 and 1, person B at 3 and 6. With margin 0.3
   * only the anchor at 3 is active: its farthest positive is 3 away, its nearest negative 2, so
   * 3 - 2 + 0.3 = 1.3; the others have a negative at least 0.3 beyond their positive. Mean 1.3 / 4.
   */
  @Test
  void tripletLossWithAMarginIsTheHingeOfTheHardestPair() {
    float loss = evaluate((tf, x, y) -> TripletLoss.build(tf, x, y, 0.3f).loss(),
        new float[][] {{0}, {1}, {3}, {6}}, new int[] {0, 0, 1, 1});
    assertEquals(1.3 / 4, loss, 1e-5);
  }

  /**
   * Label smoothing 0.3 over 3 classes, worked by hand: the target is 0.8 on the label and 0.1 on
   * each other class. Logits (2, 0, 0) with label 0: -log p = (ln(e^2 + 2) - 2, ln(e^2 + 2),
   * ln(e^2 + 2)), loss 0.8 (0.2395) + 0.1 (2.2395) x 2 = 0.6395; logits (0, 0, 0) with label 1:
   * ln 3 = 1.0986 whatever the target. Mean 0.8691.
   */
  @Test
  void labelSmoothingSpreadsEpsilonOverTheClasses() {
    double z = Math.log(Math.exp(2) + 2);
    double expected = ((0.8 * (z - 2) + 0.1 * z * 2) + Math.log(3)) / 2;
    float loss = evaluate((tf, x, y) -> SoftmaxCrossEntropy.mean(tf, x, y, 3, 0.3f),
        new float[][] {{2, 0, 0}, {0, 0, 0}}, new int[] {0, 1});
    assertEquals(expected, loss, 1e-5);
    assertEquals(0.8691, expected, 1e-4);
  }

  @Test
  void magnetLossMatchesTheUnimodalDefinition() {
    int[] classes = {3, 7, 9};
    int n = LABELS.length;
    double[][] means = new double[classes.length][2];
    for (int k = 0; k < classes.length; k++) {
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (LABELS[i] == classes[k]) {
          means[k][0] += FEATURES[i][0];
          means[k][1] += FEATURES[i][1];
          count++;
        }
      }
      means[k][0] /= count;
      means[k][1] /= count;
    }
    double variance = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < classes.length; k++) {
        if (LABELS[i] == classes[k]) {
          variance += squaredDistance(row(i), means[k]);
        }
      }
    }
    variance /= n - 1;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double own = 0;
      double others = 0;
      for (int k = 0; k < classes.length; k++) {
        boolean mine = LABELS[i] == classes[k];
        double logit = -squaredDistance(row(i), means[k]) / (2 * (variance + 1e-4)) - (mine ? 1 : 0);
        if (mine) {
          own = Math.exp(logit);
        } else {
          others += Math.exp(logit);
        }
      }
      total += Math.max(0, -Math.log(1e-4 + own / (1e-4 + others)));
    }
    assertEquals(total / n, evaluate(MagnetLoss::build), 1e-4);
  }

  @Test
  void cosineSoftmaxIsScaledCosineSimilarityThroughSoftmax() {
    float[] means = {1, 0, 2, 0, 1, 1};
    float scale = 0.5f;
    int classes = 3;
    float loss = evaluateHead(means, scale, classes);
    double kappa = Math.log1p(Math.exp(scale));
    double total = 0;
    for (int i = 0; i < LABELS.length; i++) {
      double[] logits = new double[classes];
      for (int c = 0; c < classes; c++) {
        double wx = means[c];
        double wy = means[classes + c];
        double norm = Math.sqrt(wx * wx + wy * wy);
        logits[c] = kappa * (FEATURES[i][0] * wx + FEATURES[i][1] * wy) / norm;
      }
      double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
      double sum = 0;
      for (double l : logits) {
        sum += Math.exp(l - max);
      }
      int target = LABELS[i] % classes;
      total += -(logits[target] - max - Math.log(sum));
    }
    assertEquals(total / LABELS.length, loss, 1e-5);
  }

  /** Runs the head with its variables' reads fed, so the expected value needs no training. */
  private static float evaluateHead(float[] means, float scale, int classes) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      CosineSoftmaxHead head = CosineSoftmaxHead.buildForDimension(tf, new VariableStore(1), x, 2, classes,
          ReidGraphSettings.ORIGINAL);
      Operand<TFloat32> loss = SoftmaxCrossEntropy.mean(tf, head.logits(), y, classes);
      float[] flat = new float[FEATURES.length * 2];
      int[] targets = new int[LABELS.length];
      for (int i = 0; i < FEATURES.length; i++) {
        flat[2 * i] = FEATURES[i][0];
        flat[2 * i + 1] = FEATURES[i][1];
        targets[i] = LABELS[i] % classes;
      }
      try (Session session = new Session(graph);
           TFloat32 features = TFloat32.tensorOf(Shape.of(FEATURES.length, 2), DataBuffers.of(flat, true, false));
           TInt32 labels = TInt32.tensorOf(Shape.of(targets.length), DataBuffers.of(targets, true, false));
           TFloat32 meanVectors = TFloat32.tensorOf(Shape.of(2, classes), DataBuffers.of(means, true, false));
           TFloat32 scaleValue = TFloat32.scalarOf(scale);
           Result result = session.runner().feed(x, features).feed(y, labels)
               .feed("ball/mean_vectors_read", meanVectors).feed("ball/scale_read", scaleValue).fetch(loss).run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }
}
