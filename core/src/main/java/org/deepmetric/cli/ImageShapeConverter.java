package org.deepmetric.cli;

import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.ImageShape;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --image_shape H,W}; a bad value is a usage error naming the flag. */
final class ImageShapeConverter implements ITypeConverter<ImageShape> {
  @Override
  public ImageShape convert(String value) {
    try {
      return ImageShape.parse(value);
    } catch (DeepMetricException | IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
