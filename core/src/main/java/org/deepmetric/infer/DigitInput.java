package org.deepmetric.infer;

/** One image to classify: where it came from, its 784 pixels in [0,1], its label or -1 if unknown. */
public record DigitInput(String name, float[] pixels, int label) {
  public boolean hasLabel() {
    return label >= 0;
  }
}
