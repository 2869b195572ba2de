package org.deepmetric.data.reid;

import java.util.List;

/**
 * A re-identification dataset as training sees it: the training images with their raw person
 * ids as class labels, and the number of classes (largest id + 1, so ids index the classifier).
 */
public interface ReidDataset {
  String name();

  List<PersonImage> train();

  int numClasses();

  /** Largest person id + 1 among {@code images}. */
  static int classesOf(List<PersonImage> images) {
    return images.stream().mapToInt(PersonImage::personId).max().orElse(-1) + 1;
  }
}
