package org.deepmetric.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.Tracklet;
import org.deepmetric.eval.Market1501Evaluation;
import org.deepmetric.eval.MarsEvaluation;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.eval.RankingTask;
import org.deepmetric.eval.Retrieval;

/** {@code bench --only eval}: the time and heap of test-split evaluations at the datasets' sizes. */
final class EvaluationBenchmark {
  private EvaluationBenchmark() {}

  /** Query-by-gallery evaluation at Market-1501's size (3,368 x 19,732, 128-d) on random unit features. */
  static void marketSized(PrintWriter out) {
    FeatureMatrix query = randomFeatures(3368, 7);
    FeatureMatrix gallery = randomFeatures(19732, 8);
    SplittableRandom random = new SplittableRandom(9);
    RankingTask task = Market1501Evaluation.task(randomPeople(3368, 1, random), query, randomPeople(19732, 0, random),
        gallery, Protocol.KIT);
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long before = heapUsed();
    long started = System.nanoTime();
    Retrieval.evaluate(task, Metric.COSINE, false);
    double seconds = (System.nanoTime() - started) / 1e9;
    long peak = heapPeak();
    out.printf(Locale.ROOT, "Market-1501-sized evaluation (3,368 queries x 19,732 gallery, 128-d, cosine): %.2f s,"
        + " heap peak %.0f MB (%.0f MB of it the features)%n", seconds, peak / 1e6, before / 1e6);
  }

  /**
   * The MARS test split's size (12,180 tracklets of 681,089 frames, 1,980 queries) on synthetic
   * 128-d frame features: each person a random direction, each camera a bias shared by everyone
   * it sees, each tracklet a walk-specific offset, each frame noise; 300 junk and 500 distractor
   * tracklets. The offsets are sized so that ranking is far from perfect.
   * Scored under both protocols from the same features, with time and heap peak of each.
   */
  static void marsSized(PrintWriter out) {
    SplittableRandom random = new SplittableRandom(11);
    int dim = 128;
    List<Tracklet> tracklets = new ArrayList<>();
    List<PersonImage> frames = new ArrayList<>();
    List<Integer> queries = new ArrayList<>();
    float[][] people = new float[626][];
    for (int person = 1; person <= 625; person++) {
      people[person] = unit(gaussian(random, dim, 1));
      int cameras = random.nextInt(2, 7);
      for (int camera = 1; camera <= cameras; camera++) {
        int walks = random.nextInt(1, 9);
        for (int walk = 0; walk < walks; walk++) {
          if (walk == 0 && queries.size() < 1980 && camera <= 4) {
            queries.add(tracklets.size());
          }
          tracklets.add(track(frames, person, camera, random.nextInt(20, 93)));
        }
      }
    }
    for (int n = 0; n < 800; n++) {
      tracklets.add(track(frames, n < 300 ? -1 : 0, random.nextInt(1, 7), random.nextInt(20, 93)));
    }
    float[][] cameraBias = new float[7][];
    for (int camera = 1; camera <= 6; camera++) {
      cameraBias[camera] = gaussian(random, dim, 0.05);
    }
    float[] values = new float[frames.size() * dim];
    float[] offset = new float[dim];
    for (Tracklet t : tracklets) {
      float[] base = t.personId() > 0 ? people[t.personId()] : unit(gaussian(random, dim, 1));
      float[] shift = gaussian(random, dim, 0.11);
      for (int i = t.start(); i <= t.end(); i++) {
        float[] noise = gaussian(random, dim, 0.06);
        for (int k = 0; k < dim; k++) {
          offset[k] = base[k] + cameraBias[t.camera()][k] + shift[k] + noise[k];
        }
        System.arraycopy(unit(offset), 0, values, i * dim, dim);
      }
    }
    FeatureMatrix features = new FeatureMatrix(values, frames.size(), dim);
    int[] queryRows = queries.stream().mapToInt(Integer::intValue).toArray();
    for (Protocol protocol : Protocol.values()) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      RankingTask task = MarsEvaluation.task(frames, features, tracklets, queryRows, protocol,
          MarsEvaluation.Pooling.MEAN);
      RankingMetrics metrics = Retrieval.evaluate(task, Metric.COSINE, false);
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "MARS-sized evaluation (%,d tracklets of %,d frames, %,d queries; %s): %.2f s,"
          + " heap peak %.0f MB (%.0f MB of it the frame features)%n  %s%n", tracklets.size(), frames.size(),
          queryRows.length, task.galleryRule(), seconds, heapPeak() / 1e6, values.length * 4 / 1e6, metrics.summary());
    }
  }

  private static Tracklet track(List<PersonImage> frames, int person, int camera, int length) {
    int start = frames.size();
    for (int f = 0; f < length; f++) {
      frames.add(new PersonImage(Path.of(start + f + ".jpg"), person, camera, 1, f));
    }
    return new Tracklet(start, start + length - 1, person, camera);
  }

  private static float[] gaussian(SplittableRandom random, int dim, double sigma) {
    float[] v = new float[dim];
    for (int k = 0; k < dim; k++) {
      v[k] = (float) (sigma * random.nextGaussian());
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = new float[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = (float) (v[k] / Math.sqrt(norm));
    }
    return out;
  }

  /** {@code count} crops of random people (ids from {@code firstId} to 750) and cameras 1-6. */
  private static List<PersonImage> randomPeople(int count, int firstId, SplittableRandom random) {
    List<PersonImage> people = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      people.add(new PersonImage(Path.of(i + ".jpg"), random.nextInt(firstId, 751), random.nextInt(1, 7), 1, i));
    }
    return people;
  }

  private static FeatureMatrix randomFeatures(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count * 128];
    for (int i = 0; i < count; i++) {
      double norm = 0;
      for (int k = 0; k < 128; k++) {
        values[i * 128 + k] = (float) random.nextGaussian();
        norm += values[i * 128 + k] * values[i * 128 + k];
      }
      for (int k = 0; k < 128; k++) {
        values[i * 128 + k] /= (float) Math.sqrt(norm);
      }
    }
    return new FeatureMatrix(values, count, 128);
  }

  private static long heapPeak() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
