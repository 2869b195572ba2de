package org.deepmetric.data.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.data.reid.MatFiles;
import org.deepmetric.io.AtomicFiles;

/**
 * Writes a dataset in MARS's layout with its evaluation kit's {@code info/} files: tracklets of
 * consecutive frames under {@code bbox_train/<pid>/} and {@code bbox_test/<pid>/} (junk
 * {@code 00-1}, distractors {@code 0000}), the name lists, the track tables
 * [start, end, pid, camera] (1-based) and {@code query_IDX.mat}.
 */
public final class SyntheticMars {
  private static final int WIDTH = 128;
  private static final int HEIGHT = 256;

  private SyntheticMars() {}

  public static void write(Path target, SynthOptions options) {
    Staging.write(target, root -> build(root, options));
  }

  private static void build(Path root, SynthOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed());
    Split train = new Split(root, "bbox_train");
    for (int id = 1; id <= options.trainIdentities(); id++) {
      person(train, id, options, random);
    }
    Split test = new Split(root, "bbox_test");
    List<Integer> queries = new ArrayList<>();
    for (int id = options.trainIdentities() + 1; id <= options.identities(); id++) {
      queries.add(test.tracks.size() + 1);
      person(test, id, options, random);
    }
    for (int n = 0; n < options.distractors(); n++) {
      tracklet(test, 0, random.nextInt(1, options.cameras() + 1), n + 1, 100_000 + n, options, random);
    }
    for (int n = 0; n < options.junk(); n++) {
      tracklet(test, -1, random.nextInt(1, options.cameras() + 1), n + 1, 200_000 + n, options, random);
    }
    Path info = root.resolve("info");
    train.finish(info, "train_name.txt", "tracks_train_info.mat", "track_train_info");
    test.finish(info, "test_name.txt", "tracks_test_info.mat", "track_test_info");
    MatFiles.writeColumn(info.resolve("query_IDX.mat"), "query_IDX", queries.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void person(Split split, int id, SynthOptions options, SplittableRandom random) {
    int tracklet = 0;
    for (int camera : Staging.cameras(random, options.cameras(), random.nextInt(2, Math.min(4, options.cameras()) + 1))) {
      for (int n = random.nextInt(1, 3); n > 0; n--) {
        tracklet(split, id, camera, ++tracklet, id, options, random);
      }
    }
  }

  private static void tracklet(Split split, int id, int camera, int tracklet, long look, SynthOptions options,
      SplittableRandom random) {
    String person = id < 0 ? "00-1" : String.format(Locale.ROOT, "%04d", id);
    Appearance appearance = Appearance.of(look, options);
    int start = split.names.size() + 1;
    int frames = random.nextInt(3, 9);
    for (int f = 1; f <= frames; f++) {
      String name = String.format(Locale.ROOT, "%sC%dT%04dF%03d.jpg", person, camera, tracklet, f);
      JpegWriter.write(PersonRenderer.render(appearance, camera, WIDTH, HEIGHT, random, options),
          split.images.resolve(person).resolve(name));
      split.names.add(name);
    }
    split.tracks.add(new int[] {start, split.names.size(), id, camera});
  }

  /** The names and tracks of one split as they are written. */
  private static final class Split {
    final Path images;
    final List<String> names = new ArrayList<>();
    final List<int[]> tracks = new ArrayList<>();

    Split(Path root, String folder) {
      this.images = root.resolve(folder);
    }

    void finish(Path info, String namesFile, String tracksFile, String variable) {
      AtomicFiles.writeString(info.resolve(namesFile), String.join("\n", names) + "\n");
      MatFiles.writeIntMatrix(info.resolve(tracksFile), variable, tracks.toArray(new int[0][]));
    }
  }
}
