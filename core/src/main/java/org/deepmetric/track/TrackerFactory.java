package org.deepmetric.track;

/** Builds a fresh tracker for one sequence (or one class of it); {@link TrackerAlgorithm} is the set the CLI offers. */
@FunctionalInterface
public interface TrackerFactory {
  /** A tracker for a sequence of {@code frameRate} frames per second, tuned by {@code settings}. */
  OnlineTracker create(TrackerSettings settings, double frameRate);
}
