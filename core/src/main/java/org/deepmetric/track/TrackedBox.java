package org.deepmetric.track;

/**
 * One box a tracker reports for a frame: the track's id (from 1), its box in pixels, and the
 * score its algorithm reports with it (NaN where the algorithm reports none).
 */
public record TrackedBox(int id, Box box, double score) {}
