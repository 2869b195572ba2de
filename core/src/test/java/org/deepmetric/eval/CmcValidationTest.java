package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.PersonImage;
import org.junit.jupiter.api.Test;
import java.util.SplittableRandom;

/** The original's validation CMC on cases worked out by hand. */
class CmcValidationTest {
  @Test
  void aTieWithAnEarlierGalleryItemCountsAsCloser() {
    // Probes 0 and 1 are both equally far from gallery items 2 and 3 (cosine 1 - 0.6 = 0.4).
    FeatureMatrix features = new FeatureMatrix(new float[] {0.6f, 0.8f, 0.6f, 0.8f, 1, 0, 1, 0}, 4, 2);
    double[] hits = CmcValidation.hits(List.of(0, 1), List.of(2, 3), features, Metric.COSINE);
    // Probe 0's own item (2) comes first in the gallery; probe 1's (3) has item 2 tied before it.
    assertArrayEquals(new double[] {0.5, 1, 1, 1}, hits, 1e-12);
  }

  @Test
  void probeAndGalleryComeFromTwoCamerasOrTwoCropsOfTheOnlyOne() {
    List<PersonImage> images = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    // Person 1: twice (1,0) in camera 1 and (0,1) in camera 2. A same-camera pair would match exactly.
    add(images, values, 1, 1, 1, 0);
    add(images, values, 1, 1, 1, 0);
    add(images, values, 1, 2, 0, 1);
    // Person 2: (0.8,0.6) in camera 1 and (0.6,0.8) in camera 3: own distance 0.04.
    add(images, values, 2, 1, 0.8f, 0.6f);
    add(images, values, 2, 3, 0.6f, 0.8f);
    // Person 3 is seen by camera 2 only: its two crops are paired, and the probe finds its twin first.
    add(images, values, 3, 2, 0, -1);
    add(images, values, 3, 2, 0, -1);
    // Person 4 has a single crop: it cannot be paired and sits out (it would otherwise be a hit).
    add(images, values, 4, 1, -1, 0);
    float[] flat = new float[values.size() * 2];
    for (int i = 0; i < values.size(); i++) {
      flat[2 * i] = values.get(i)[0];
      flat[2 * i + 1] = values.get(i)[1];
    }
    double[] precision = CmcValidation.precisionAtK(images, new FeatureMatrix(flat, values.size(), 2), Metric.COSINE, 10);
    // In every gallery person 1's probe sits at distance 1 from its own item and nearer (0.2 to
    // 0.4) to person 2's; persons 2 and 3 always find their own first. So Precision@1 is 2/3.
    assertEquals(2.0 / 3, precision[0], 1e-12);
    assertEquals(1.0, precision[1], 1e-12);
  }

  /**
   * A MARS-shaped validation split (62 identities, about 50,000 frames): the 20 draws use at
   * most 2 x 62 x 20 crops, and features outside them change nothing.
   */
  @Test
  void onlyTheCropsTheDrawsUseMatter() {
    List<PersonImage> images = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int person = 1; person <= 62; person++) {
      int cameras = random.nextInt(2, 7);
      for (int camera = 1; camera <= cameras; camera++) {
        for (int frame = random.nextInt(120, 280); frame > 0; frame--) {
          images.add(new PersonImage(Path.of(images.size() + ".jpg"), person, camera, 1, frame));
        }
      }
    }
    List<CmcValidation.Draw> draws = CmcValidation.draw(images, 20);
    int[] used = CmcValidation.used(draws);
    assertTrue(images.size() > 40_000, "MARS-sized: " + images.size());
    assertTrue(used.length <= 2 * 62 * 20, used.length + " crops of " + images.size());
    float[] full = new float[images.size() * 2];
    float[] onlyUsed = new float[images.size() * 2];
    for (int i = 0; i < images.size(); i++) {
      full[2 * i] = (float) Math.cos(images.get(i).personId() + 0.3 * random.nextGaussian());
      full[2 * i + 1] = (float) Math.sin(images.get(i).personId() + 0.3 * random.nextGaussian());
    }
    for (int i : used) {
      onlyUsed[2 * i] = full[2 * i];
      onlyUsed[2 * i + 1] = full[2 * i + 1];
    }
    assertArrayEquals(CmcValidation.precisionAtK(draws, new FeatureMatrix(full, images.size(), 2), Metric.COSINE),
        CmcValidation.precisionAtK(draws, new FeatureMatrix(onlyUsed, images.size(), 2), Metric.COSINE), 0);
  }

  private static void add(List<PersonImage> images, List<float[]> values, int person, int camera, float x, float y) {
    images.add(new PersonImage(Path.of(images.size() + ".jpg"), person, camera, 1, images.size()));
    values.add(new float[] {x, y});
  }
}
