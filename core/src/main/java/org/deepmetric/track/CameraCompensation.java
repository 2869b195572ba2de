package org.deepmetric.track;

/**
 * How a tracker learns the camera's motion between frames: not at all, BoT-SORT's sparse optical
 * flow ({@link SparseFlowMotion}), or StrongSORT's ECC ({@link EccMotion}).
 */
public enum CameraCompensation { NONE, SPARSE, ECC }
