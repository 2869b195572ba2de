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
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> loss = builder.build(tf, x, y);
      float[] flat = new float[FEATURES.length * 2];
      for (int i = 0; i < FEATURES.length; i++) {
        flat[2 * i] = FEATURES[i][0];
        flat[2 * i + 1] = FEATURES[i][1];
      }
      try (Session session = new Session(graph);
           TFloat32 features = TFloat32.tensorOf(Shape.of(FEATURES.length, 2), DataBuffers.of(flat, true, false));
           TInt32 labels = TInt32.tensorOf(Shape.of(LABELS.length), DataBuffers.of(LABELS, true, false));
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
