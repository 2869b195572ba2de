package org.deepmetric.data.synth;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepmetric.data.reid.MatFiles;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidNames;
import org.deepmetric.data.reid.Relevance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Writes a dataset in Market-1501's exact layout: {@code bounding_box_train/},
 * {@code bounding_box_test/} (with distractors 0000 and junk -1), {@code query/} (one crop per
 * camera of each test person) and {@code gt_query/} with each query's {@code _good.mat} and
 * {@code _junk.mat} (1-based indices into the sorted gallery, as the official kit defines them).
 */
public final class SyntheticMarket1501 {
  private static final int WIDTH = 64;
  private static final int HEIGHT = 128;

  private SyntheticMarket1501() {}

  public static void write(Path target, SynthOptions options) {
    Staging.write(target, root -> build(root, options));
  }

  private static void build(Path root, SynthOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed());
    int[] frame = {0};
    for (int id = 1; id <= options.trainIdentities(); id++) {
      for (int camera : Staging.cameras(random, options.cameras(), random.nextInt(2, options.cameras() + 1))) {
        for (int n = random.nextInt(2, 6); n > 0; n--) {
          crop(root.resolve("bounding_box_train"), id, camera, options, random, frame);
        }
      }
    }
    for (int id = options.trainIdentities() + 1; id <= options.identities(); id++) {
      for (int camera : Staging.cameras(random, options.cameras(), random.nextInt(2, options.cameras() + 1))) {
        crop(root.resolve("query"), id, camera, options, random, frame);
        for (int n = random.nextInt(1, 4); n > 0; n--) {
          crop(root.resolve("bounding_box_test"), id, camera, options, random, frame);
        }
      }
    }
    for (int n = 0; n < options.distractors(); n++) {
      crop(root.resolve("bounding_box_test"), 0, random.nextInt(1, options.cameras() + 1), options, random, frame);
    }
    for (int n = 0; n < options.junk(); n++) {
      crop(root.resolve("bounding_box_test"), -1, random.nextInt(1, options.cameras() + 1), options, random, frame);
    }
    writeGroundTruth(root);
  }

  private static void crop(Path folder, int id, int camera, SynthOptions options, SplittableRandom random, int[] frame) {
    // Distractors are people outside the id list and junk is a crop without a whole person.
    long look = id > 0 ? id : 100_000 + random.nextInt(1_000_000);
    BufferedImage image = PersonRenderer.render(Appearance.of(look, options), camera, WIDTH, HEIGHT, random, options);
    if (id < 0) {
      image = image.getSubimage(0, random.nextInt(HEIGHT / 2), WIDTH, HEIGHT / 2);
    }
    String name = String.format(Locale.ROOT, "%s_c%ds%d_%06d_%02d.jpg",
        id < 0 ? "-1" : String.format(Locale.ROOT, "%04d", id), camera, random.nextInt(1, 7), ++frame[0], 1);
    JpegWriter.write(image, folder.resolve(name));
  }

  /** The official kit's good and junk lists for every query. */
  private static void writeGroundTruth(Path root) {
    List<PersonImage> gallery = parse(root.resolve("bounding_box_test"));
    for (PersonImage query : parse(root.resolve("query"))) {
      List<Integer> good = new ArrayList<>();
      List<Integer> junk = new ArrayList<>();
      for (int i = 0; i < gallery.size(); i++) {
        switch (Relevance.of(query, gallery.get(i))) {
          case JUNK -> junk.add(i + 1);
          case GOOD -> good.add(i + 1);
          case NEGATIVE -> { }
        }
      }
      String stem = query.file().getFileName().toString().replace(".jpg", "");
      MatFiles.writeColumn(root.resolve("gt_query").resolve(stem + "_good.mat"), "good_index",
          good.stream().mapToInt(Integer::intValue).toArray());
      MatFiles.writeColumn(root.resolve("gt_query").resolve(stem + "_junk.mat"), "junk_index",
          junk.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  private static List<PersonImage> parse(Path folder) {
    try (var files = Files.list(folder)) {
      return files.sorted().map(f -> ReidNames.market1501(f).orElseThrow()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
