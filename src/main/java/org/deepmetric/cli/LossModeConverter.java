package org.deepmetric.cli;

import org.deepmetric.models.LossMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --loss_mode cosine-softmax|triplet|magnet}. */
final class LossModeConverter implements ITypeConverter<LossMode> {
  @Override
  public LossMode convert(String value) {
    try {
      return LossMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
