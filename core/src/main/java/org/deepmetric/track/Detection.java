package org.deepmetric.track;

/** One detector box of one frame, its confidence and its appearance feature (any length, may be empty). */
public record Detection(Box box, double confidence, float[] feature) {}
