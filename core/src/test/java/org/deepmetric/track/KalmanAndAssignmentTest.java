package org.deepmetric.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter, the gate, the assignment and NMS on values worked out by hand. */
class KalmanAndAssignmentTest {
  private final KalmanFilter filter = new KalmanFilter();

  @Test
  void initiatePredictAndUpdateFollowDeepSortsNoiseModel() {
    // h = 100: start deviations 2 h / 20 = 10 px and 10 h / 160 = 6.25 px/frame.
    KalmanFilter.State start = filter.initiate(new double[] {100, 200, 0.5, 100});
    assertEquals(100, start.covariance()[0][0], 1e-12);
    assertEquals(39.0625, start.covariance()[4][4], 1e-12);
    assertEquals(1e-4, start.covariance()[2][2], 1e-15);
    // Predict: P00 = 100 + 39.0625 + (h / 20)^2 = 164.0625; P04 = 39.0625; P44 = 39.0625 + (h / 160)^2.
    KalmanFilter.State predicted = filter.predict(start);
    assertEquals(164.0625, predicted.covariance()[0][0], 1e-9);
    assertEquals(39.0625, predicted.covariance()[0][4], 1e-9);
    assertEquals(39.453125, predicted.covariance()[4][4], 1e-9);
    // Update with x = 110: S00 = 164.0625 + 25; gains 164.0625 / S00 for x, 39.0625 / S00 for vx.
    KalmanFilter.State updated = filter.update(predicted, new double[] {110, 200, 0.5, 100});
    double s = 164.0625 + 25;
    assertEquals(100 + 10 * 164.0625 / s, updated.mean()[0], 1e-9);
    assertEquals(10 * 39.0625 / s, updated.mean()[4], 1e-9);
    assertEquals(164.0625 * 25 / s, updated.covariance()[0][0], 1e-9);
    assertEquals(200, updated.mean()[1], 1e-9, "no change where the measurement agrees");
  }

  @Test
  void theGateIsTheChiSquareQuantileOfTheMahalanobisDistance() {
    // After initiate the projected x variance is 100 + 25 = 125: a 30 px offset gives 7.2, 40 px gives 12.8.
    KalmanFilter.State start = filter.initiate(new double[] {100, 200, 0.5, 100});
    double[] d = filter.gatingDistance(start, new double[][] {{130, 200, 0.5, 100}, {140, 200, 0.5, 100}});
    assertArrayEquals(new double[] {7.2, 12.8}, d, 1e-9);
    assertEquals(9.4877, KalmanFilter.GATE_95_4DOF);
  }

  @Test
  void theAssignmentFindsTheKnownOptimum() {
    assertArrayEquals(new int[] {1, 0, 2}, Assignment.solve(new double[][] {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}));
    // Rectangular: two rows, three columns; the cheapest pair of distinct columns is 0 + 1.
    assertArrayEquals(new int[] {2, 0}, Assignment.solve(new double[][] {{5, 9, 1}, {1, 9, 9}}));
    assertArrayEquals(new int[] {0, -1, 1}, Assignment.solve(new double[][] {{1, 5}, {9, 9}, {5, 1}}));
  }

  @Test
  void nonMaximumSuppressionKeepsTheBestOfOverlappingBoxes() {
    List<Detection> detections = List.of(
        new Detection(new Box(0, 0, 10, 10), 0.5, new float[0]),
        new Detection(new Box(1, 1, 10, 10), 0.9, new float[0]),
        new Detection(new Box(50, 50, 10, 10), 0.7, new float[0]));
    assertEquals(List.of(1, 2), NonMaxSuppression.keep(detections, 0.5));
    assertEquals(List.of(1, 2, 0), NonMaxSuppression.keep(detections, 1.0), "at 1.0 only the order changes");
  }
}
