package org.deepmetric.infer;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.video.FrameSource;
import org.deepmetric.detect.Detected;
import org.deepmetric.detect.Detector;
import org.deepmetric.io.Progress;
import org.deepmetric.track.Detection;

/**
 * Tracks people in a source that has no det.txt (a video, a stream, a camera, a folder of
 * images): frames are decoded, detected, described by the appearance model (if any) and tracked
 * by the chosen tracker, each stage on a thread of its own joined by small bounded queues, so on two cores
 * detection of frame t overlaps decoding of t+1 and tracking of t-1. Frames stay in order and the
 * results are those of one thread doing everything. Writes the MOTChallenge result file and, on
 * request, annotated frames, an MP4 and the whole input as a MOTChallenge sequence.
 */
public final class VideoTracking {
  /** Frames in flight between two stages: enough to absorb jitter, little memory (a 768x576 frame is 1.3 MB). */
  static final int QUEUE = 4;

  /** Where to write; all but {@code results} may be null. */
  public record Outputs(Path results, Path framesDir, Path video, Path sequence) {}

  /** The stages' settings: at most {@code maxFrames} frames (0: all), the tracker's options. */
  public record Settings(int maxFrames, SequenceTracking.Options tracking) {}

  /**
   * What a run did: frames, detections, reported rows, distinct ids, wall seconds, and the busy
   * milliseconds per frame of each stage (decode, detect, features, track and write).
   */
  public record Summary(int frames, int detections, int rows, long ids, double seconds, double[] stageMillis) {
    public double framesPerSecond() {
      return frames / seconds;
    }
  }

  /** One frame on its way through the stages. */
  private static final class Item {
    final int number;
    final BufferedImage image;
    List<Detected> detected = List.of();
    float[][] features;

    Item(int number, BufferedImage image) {
      this.number = number;
      this.image = image;
    }
  }

  private static final Item END = new Item(0, null);

  private final FrameSource source;
  private final String name;
  private final Detector detector;
  private final AppearanceModel model;
  private final Settings settings;
  private final PrintWriter err;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final long[] busyNanos = new long[4];

  private VideoTracking(FrameSource source, String name, Detector detector, AppearanceModel model, Settings settings,
      PrintWriter err) {
    this.source = source;
    this.name = name;
    this.detector = detector;
    this.model = model;
    this.settings = settings;
    this.err = err;
  }

  /** Tracks {@code source} (its sequence called {@code name}) with {@code detector} and {@code model} (null: none). */
  public static Summary run(FrameSource source, String name, Detector detector, AppearanceModel model,
      Settings settings, Outputs outputs, PrintWriter err) {
    return new VideoTracking(source, name, detector, model, settings, err).run(outputs);
  }

  private Summary run(Outputs outputs) {
    BlockingQueue<Item> decoded = new ArrayBlockingQueue<>(QUEUE);
    BlockingQueue<Item> detected = new ArrayBlockingQueue<>(QUEUE);
    BlockingQueue<Item> described = model == null ? detected : new ArrayBlockingQueue<>(QUEUE);
    List<Thread> stages = new ArrayList<>();
    stages.add(stage(0, "decode", null, decoded, item -> { }));
    stages.add(stage(1, "detect", decoded, detected, item -> item.detected = detector.detect(item.image)));
    if (model != null) {
      DetectionFeatures features = new DetectionFeatures(model, err);
      stages.add(stage(2, "features", detected, described, item -> item.features = describe(features, item)));
    }
    long started = System.nanoTime();
    try {
      stages.forEach(Thread::start);
      Summary summary = track(described, outputs, started);
      rethrow();
      return summary;
    } finally {
      stages.forEach(Thread::interrupt);
      for (Thread stage : stages) {
        try {
          stage.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @FunctionalInterface
  private interface Work {
    void on(Item item);
  }

  /**
   * A stage thread, its busy time counted in {@code busyNanos[index]}: takes from {@code in} (null:
   * reads the source), works, passes on; ends with END.
   */
  private Thread stage(int index, String stageName, BlockingQueue<Item> in, BlockingQueue<Item> out, Work work) {
    Thread thread = new Thread(() -> {
      try {
        for (int number = 1; settings.maxFrames() == 0 || in != null || number <= settings.maxFrames(); number++) {
          long start = System.nanoTime();
          Item item;
          if (in == null) {
            BufferedImage image = source.next();
            item = image == null ? END : new Item(number, image);
          } else {
            item = in.take();
            start = System.nanoTime();
          }
          if (item == END) {
            break;
          }
          work.on(item);
          busyNanos[index] += System.nanoTime() - start;
          out.put(item);
        }
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
      try {
        out.put(END);
      } catch (InterruptedException e) {
        // The run is being torn down.
      }
    }, "deepmetric-" + stageName);
    thread.setDaemon(true);
    return thread;
  }

  private float[][] describe(DetectionFeatures features, Item item) {
    List<double[]> rows = new ArrayList<>();
    for (Detected d : item.detected) {
      rows.add(new double[] {item.number, -1, d.box().x(), d.box().y(), d.box().w(), d.box().h(), d.score()});
    }
    float[] flat = features.encodeFrame(item.image, rows);
    int dim = model.featureDim();
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      out[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
    }
    return out;
  }

  private Summary track(BlockingQueue<Item> in, Outputs outputs, long started) {
    int frameRate = source.frameRate() > 0 ? (int) Math.round(source.frameRate()) : SeqInfo.DEFAULT_FRAME_RATE;
    SequenceTracking.Online online = new SequenceTracking.Online(settings.tracking(), frameRate);
    List<SequenceTracking.Row> rows = new ArrayList<>();
    long total = settings.maxFrames() > 0 && source.frameCount() > 0 ? Math.min(settings.maxFrames(), source.frameCount())
        : settings.maxFrames() > 0 ? settings.maxFrames() : source.frameCount();
    int frames = 0;
    int detections = 0;
    try (Progress progress = Progress.start(err, name, 0, total);
         VideoFile video = outputs.video() == null ? null : new VideoFile(outputs.video(), frameRate);
         SequenceWriter sequence = outputs.sequence() == null ? null : new SequenceWriter(outputs.sequence(), name)) {
      while (true) {
        Item item = take(in);
        if (item == END) {
          break;
        }
        long start = System.nanoTime();
        frames = item.number;
        detections += item.detected.size();
        List<Detection> frameDetections = new ArrayList<>();
        for (int i = 0; i < item.detected.size(); i++) {
          Detected d = item.detected.get(i);
          frameDetections.add(new Detection(d.box(), d.score(), item.features == null ? new float[0] : item.features[i],
              d.classId()));
        }
        List<SequenceTracking.Row> frameRows = online.step(item.number, frameDetections, item.image);
        rows.addAll(frameRows);
        if (outputs.framesDir() != null || video != null) {
          BufferedImage painted = TrackPainter.paint(item.image, frameRows);
          if (outputs.framesDir() != null) {
            TrackingJob.writeJpeg(painted, outputs.framesDir().resolve(String.format(Locale.ROOT, "%06d.jpg",
                item.number)));
          }
          if (video != null) {
            video.add(painted);
          }
        }
        if (sequence != null) {
          List<double[]> boxes = item.detected.stream()
              .map(d -> new double[] {d.box().x(), d.box().y(), d.box().w(), d.box().h(), d.score()}).toList();
          sequence.add(item.number, item.image, boxes, item.features);
        }
        busyNanos[3] += System.nanoTime() - start;
        double seconds = (System.nanoTime() - started) / 1e9;
        int done = frames;
        progress.stepTo(done, () -> String.format(Locale.ROOT, "%.1f frames/s", done / Math.max(seconds, 1e-9)));
      }
      rethrow();
      if (frames == 0) {
        throw new DeepMetricException(source.name() + ": no frames could be read");
      }
      if (video != null) {
        video.finish();
      }
      if (sequence != null) {
        sequence.finish(frameRate, model != null);
      }
    }
    if (source.warning() != null) {
      err.println("warning: " + source.warning());
    }
    if (detections == 0) {
      err.printf(Locale.ROOT, "note: %s: %s found nobody in %d frames; the result is empty%n", name,
          detector.description(), frames);
    }
    err.flush();
    TrackingJob.writeResults(rows, outputs.results());
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] perFrame = new double[busyNanos.length];
    for (int i = 0; i < perFrame.length; i++) {
      perFrame[i] = busyNanos[i] / 1e6 / frames;
    }
    return new Summary(frames, detections, rows.size(),
        rows.stream().mapToInt(SequenceTracking.Row::id).distinct().count(), seconds, perFrame);
  }

  private static Item take(BlockingQueue<Item> in) {
    try {
      return in.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeepMetricException("interrupted");
    }
  }

  private void rethrow() {
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new DeepMetricException(t.getMessage(), t);
    }
  }
}
