package org.deepmetric.data.reid;

import org.deepmetric.DeepMetricException;

/**
 * The height and width crops are resized to and the network takes (the original's
 * IMAGE_SHAPE): 128 x 64 for people, as Market-1501, MARS and deep_sort use; a custom dataset
 * may choose another. Pixels are 3 channels of uint8.
 */
public record ImageShape(int height, int width) {
  public static final int CHANNELS = 3;
  public static final ImageShape DEFAULT = new ImageShape(128, 64);

  public ImageShape {
    // Three stride-2 stages halve the crop; below 8 pixels nothing would be left to pool.
    if (height < 8 || width < 8 || height > 1024 || width > 1024) {
      throw new IllegalArgumentException("an image shape is 8 to 1024 pixels each way, got " + height + "," + width);
    }
  }

  /** Bytes of one crop: height x width x 3. */
  public int bytes() {
    return height * width * CHANNELS;
  }

  /** {@code H,W}, as {@code --image_shape} spells it. */
  public static ImageShape parse(String text) {
    String[] parts = text.trim().split("\\s*,\\s*");
    try {
      if (parts.length == 2) {
        return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DeepMetricException("'" + text + "' is not an image shape HEIGHT,WIDTH such as 128,64");
  }

  @Override
  public String toString() {
    return height + "," + width;
  }
}
