package org.deepmetric.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The {@code k} nearest gallery items seen so far for one query, by distance and then by gallery
 * path (the order {@code evaluate} ranks a gallery listed in path order). A max-heap, so an item
 * farther than the current k-th costs one comparison; partial lists from different partitions
 * merge into the list a single pass over the whole gallery would give.
 */
final class TopK implements Serializable {
  private static final long serialVersionUID = 1L;

  private final float[] distances;
  private final String[] paths;
  private final int[] identities;
  private final int[] cameras;
  private int size;

  TopK(int k) {
    distances = new float[k];
    paths = new String[k];
    identities = new int[k];
    cameras = new int[k];
  }

  /** Offers a gallery item: its distance to the query, its path, identity and camera. */
  void offer(float distance, String path, int identity, int camera) {
    boolean growing = size < distances.length;
    if (!growing && !before(distance, path, 0)) {
      return;
    }
    int slot = growing ? size++ : 0;
    distances[slot] = distance;
    paths[slot] = path;
    identities[slot] = identity;
    cameras[slot] = camera;
    if (growing) {
      siftUp(slot);
    } else {
      siftDown(slot);
    }
  }

  /** This list with {@code other}'s items offered to it. */
  TopK merge(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.distances[i], other.paths[i], other.identities[i], other.cameras[i]);
    }
    return this;
  }

  int size() {
    return size;
  }

  /** The items nearest first: their positions in this list's arrays. */
  int[] order() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> before(distances[a], paths[a], b) ? -1 : a.equals(b) ? 0 : 1);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = order[i];
    }
    return out;
  }

  float distance(int slot) {
    return distances[slot];
  }

  String path(int slot) {
    return paths[slot];
  }

  int identity(int slot) {
    return identities[slot];
  }

  int camera(int slot) {
    return cameras[slot];
  }

  /** Whether (distance, path) ranks before the item in {@code slot}. */
  private boolean before(float distance, String path, int slot) {
    int byDistance = Float.compare(distance, distances[slot]);
    return byDistance != 0 ? byDistance < 0 : path.compareTo(paths[slot]) < 0;
  }

  private void siftUp(int slot) {
    while (slot > 0) {
      int parent = (slot - 1) / 2;
      if (!before(distances[parent], paths[parent], slot)) {
        return;
      }
      swap(slot, parent);
      slot = parent;
    }
  }

  private void siftDown(int slot) {
    while (true) {
      int largest = slot;
      for (int child = 2 * slot + 1; child <= 2 * slot + 2 && child < size; child++) {
        if (before(distances[largest], paths[largest], child)) {
          largest = child;
        }
      }
      if (largest == slot) {
        return;
      }
      swap(slot, largest);
      slot = largest;
    }
  }

  private void swap(int a, int b) {
    float distance = distances[a];
    distances[a] = distances[b];
    distances[b] = distance;
    String path = paths[a];
    paths[a] = paths[b];
    paths[b] = path;
    swap(identities, a, b);
    swap(cameras, a, b);
  }

  private static void swap(int[] values, int a, int b) {
    int value = values[a];
    values[a] = values[b];
    values[b] = value;
  }
}
