package org.deepmetric.data.reid;

/**
 * A MARS tracklet: images {@code start} to {@code end} (0-based, inclusive) of the split's name
 * list, all of person {@code personId} seen by {@code camera}. The kit's files store these 1-based.
 */
public record Tracklet(int start, int end, int personId, int camera) {
  public int length() {
    return end - start + 1;
  }
}
