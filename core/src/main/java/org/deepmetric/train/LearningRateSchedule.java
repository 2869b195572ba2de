package org.deepmetric.train;

import java.util.function.Consumer;

/**
 * A learning rate that warms up linearly from a tenth of its peak over the first 5% of the run
 * and then follows a cosine down to a hundredth of it at the end (Goyal et al. 2017; Loshchilov
 * and Hutter 2017): large steps early, when the network is far from anything good, small ones
 * when it settles. The run's end is its budget: the last step, or the wall-clock minutes, which
 * ever comes first; a run with neither only warms up (over 100 steps) and stays at the peak.
 */
public final class LearningRateSchedule implements TrainingListener {
  static final double WARM_UP = 0.05;
  static final int WARM_UP_STEPS_WITHOUT_BUDGET = 100;

  private final float peak;
  private final Consumer<Float> apply;
  private final double budgetSeconds;
  private long firstStep;
  private long lastStep;
  private long startNanos;

  /**
   * @param apply sets the rate of the next steps (the model's setter)
   * @param budgetSeconds the wall-clock budget, 0 for none
   */
  public LearningRateSchedule(float peak, Consumer<Float> apply, double budgetSeconds) {
    this.peak = peak;
    this.apply = apply;
    this.budgetSeconds = budgetSeconds;
  }

  @Override
  public void onStart(long firstStep, long lastStep) {
    this.firstStep = firstStep;
    this.lastStep = lastStep;
    this.startNanos = System.nanoTime();
    apply.accept(rate(progress(firstStep)));
  }

  @Override
  public void onStep(StepRecord record) {
    apply.accept(rate(progress(record.step() + 1)));
  }

  /** How far through its budget the run is when step {@code step} runs, 0 to 1; NaN with no budget. */
  private double progress(long step) {
    double byStep = lastStep == Long.MAX_VALUE ? Double.NaN : (double) (step - firstStep) / (lastStep - firstStep + 1);
    double byTime = budgetSeconds > 0 ? (System.nanoTime() - startNanos) / 1e9 / budgetSeconds : Double.NaN;
    double progress = Double.isNaN(byStep) ? byTime : Double.isNaN(byTime) ? byStep : Math.max(byStep, byTime);
    if (Double.isNaN(progress)) {
      return -(double) (step - firstStep) / WARM_UP_STEPS_WITHOUT_BUDGET;
    }
    return Math.min(1, progress);
  }

  /** The rate at {@code progress}; a negative progress counts warm-up steps of a run with no budget. */
  float rate(double progress) {
    if (progress < 0) {
      return (float) (peak * Math.min(1, 0.1 + 0.9 * -progress));
    }
    if (progress < WARM_UP) {
      return (float) (peak * (0.1 + 0.9 * progress / WARM_UP));
    }
    double decay = (progress - WARM_UP) / (1 - WARM_UP);
    return (float) (peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * decay))));
  }
}
