package org.deepmetric.train;

import java.util.Map;
import org.deepmetric.io.EventWriter;
import java.util.LinkedHashMap;

/**
 * Writes each step's scalars to TensorBoard as {@code train/NAME}, averaged over the steps since
 * the last write, plus {@code train/images_per_sec}.
 */
public final class SummaryListener implements TrainingListener {
  private final EventWriter events;
  private final Cadence cadence;
  private final LinkedHashMap<String, Double> sums = new LinkedHashMap<>();
  private long images;
  private double seconds;
  private int count;

  public SummaryListener(EventWriter events, Cadence cadence) {
    this.events = events;
    this.cadence = cadence;
  }

  @Override
  public void onStart(long firstStep, long lastStep) {
    cadence.reset(firstStep - 1);
  }

  @Override
  public void onStep(StepRecord record) {
    for (Map.Entry<String, Float> scalar : record.scalars().entrySet()) {
      sums.merge(scalar.getKey(), (double) scalar.getValue(), Double::sum);
    }
    images += record.batchSize();
    seconds += record.seconds();
    count++;
    if (cadence.due(record.step())) {
      write(record.step());
    }
  }

  private void write(long step) {
    if (count == 0) {
      return;
    }
    for (Map.Entry<String, Double> sum : sums.entrySet()) {
      events.scalar("train/" + sum.getKey(), step, sum.getValue() / count);
    }
    events.scalar("train/images_per_sec", step, images / seconds);
    sums.clear();
    images = 0;
    seconds = 0;
    count = 0;
  }

  @Override
  public void onEpochEnd(int epoch, long step) {
    events.flush();
  }

  @Override
  public void onEnd(long step) {
    write(step);
    events.flush();
  }
}
