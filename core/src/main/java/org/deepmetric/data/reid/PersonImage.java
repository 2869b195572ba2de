package org.deepmetric.data.reid;

import java.nio.file.Path;

/**
 * One person crop and what its file name says: the person id (the class label; -1 junk,
 * 0 distractor), the camera, the sequence (Market1501) or tracklet (MARS), and the frame.
 */
public record PersonImage(Path file, int personId, int camera, int sequence, int frame) {
  public boolean isJunk() {
    return personId < 0;
  }
}
