package org.deepmetric.data.reid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.data.synth.SynthOptions;
import org.deepmetric.data.synth.SyntheticMarket1501;
import org.deepmetric.data.synth.SyntheticMars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic datasets must read back through the real loaders, with the kits' definitions intact. */
class SyntheticDatasetsTest {
  @TempDir
  static Path dir;

  static Market1501 market;
  static Mars mars;

  @BeforeAll
  static void write() {
    SyntheticMarket1501.write(dir.resolve("market"), new SynthOptions(12, 3, 4, 3, 5));
    SyntheticMars.write(dir.resolve("mars"), new SynthOptions(10, 3, 2, 2, 5));
    market = Market1501.open(dir.resolve("market"), true, w -> {
      throw new AssertionError(w);
    });
    mars = Mars.open(dir.resolve("mars"), true, w -> {
      throw new AssertionError(w);
    });
  }

  @Test
  void marketHasTheRealLayoutWithJunkAndDistractors() {
    assertEquals(Set.of(1, 2, 3, 4, 5, 6), ids(market.train()));
    Set<Integer> galleryIds = ids(market.gallery());
    assertTrue(galleryIds.containsAll(Set.of(-1, 0, 7, 12)), galleryIds.toString());
    assertEquals(Set.of(7, 8, 9, 10, 11, 12), ids(market.query()));
    for (int id = 7; id <= 12; id++) {
      int person = id;
      long cameras = market.query().stream().filter(q -> q.personId() == person).map(PersonImage::camera).distinct().count();
      assertTrue(cameras >= 2, "every test person is seen by two cameras at least");
    }
    BufferedImage crop = Images.read(market.train().get(0).file());
    assertEquals(64, crop.getWidth());
    assertEquals(128, crop.getHeight());
  }

  @Test
  void marsTracksIndexTheNameListsOneBased() {
    List<PersonImage> test = mars.test();
    List<Tracklet> tracks = mars.testTracklets();
    for (Tracklet track : tracks) {
      for (int i = track.start(); i <= track.end(); i++) {
        assertEquals(track.personId(), test.get(i).personId());
        assertEquals(track.camera(), test.get(i).camera());
      }
    }
    assertEquals(tracks.get(tracks.size() - 1).end(), test.size() - 1);
    assertEquals(Set.of(1, 2, 3, 4, 5), ids(mars.train()));
    int[][] trainTracks = MatFiles.readIntMatrix(mars.root().resolve("info/tracks_train_info.mat"), "track_train_info");
    assertEquals(mars.train().size(), trainTracks[trainTracks.length - 1][1], "the last train track ends at the last name");
    for (int row : mars.queryRows()) {
      Tracklet query = tracks.get(row);
      assertTrue(query.personId() > 0);
      assertTrue(tracks.stream().anyMatch(t -> t.personId() == query.personId() && t.camera() != query.camera()));
    }
    assertTrue(ids(test).containsAll(Set.of(-1, 0)));
    assertEquals(128, Images.read(test.get(0).file()).getWidth());
  }

  @Test
  void refusesToOverwriteAnExistingDataset() {
    String message = assertThrows(DeepMetricException.class,
        () -> SyntheticMarket1501.write(dir.resolve("market"), new SynthOptions(12, 3, 0, 0, 1))).getMessage();
    assertTrue(message.contains("already exists"), message);
  }

  @Test
  void aPersonLooksAlikeAcrossCamerasAndUnlikeOthers() {
    double same = 0;
    double different = 0;
    int pairs = 0;
    for (int id = 1; id <= 6; id++) {
      int person = id;
      List<PersonImage> own = market.train().stream().filter(i -> i.personId() == person).toList();
      List<PersonImage> other = market.train().stream().filter(i -> i.personId() == person % 6 + 1).toList();
      same += distance(own.get(0), own.get(own.size() - 1));
      different += distance(own.get(0), other.get(0));
      pairs++;
    }
    assertTrue(same / pairs < different / pairs, "same " + same / pairs + " vs different " + different / pairs);
  }

  /** Distance between the mean colours of the central columns, where the clothes are. */
  private static double distance(PersonImage a, PersonImage b) {
    double[] ma = meanCentre(Images.read(a.file()));
    double[] mb = meanCentre(Images.read(b.file()));
    double d = 0;
    for (int c = 0; c < 3; c++) {
      d += Math.abs(ma[c] - mb[c]);
    }
    return d;
  }

  private static double[] meanCentre(BufferedImage image) {
    double[] sum = new double[3];
    int n = 0;
    for (int y = 30; y < 100; y++) {
      for (int x = 26; x < 38; x++) {
        int rgb = image.getRGB(x, y);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
        n++;
      }
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  private static Set<Integer> ids(List<PersonImage> images) {
    Set<Integer> ids = new HashSet<>();
    images.forEach(i -> ids.add(i.personId()));
    return ids;
  }
}
