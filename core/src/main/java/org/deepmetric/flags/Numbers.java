package org.deepmetric.flags;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for numeric flags that refuse meaningless values instead of clamping them; picocli
 * reports a refusal as {@code Invalid value for option '--flag': ...}, a usage error (exit 2).
 */
public final class Numbers {
  private Numbers() {}

  public static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int number = parseInt(value);
      if (number <= 0) {
        throw new TypeConversionException("must be a positive whole number, got " + value);
      }
      return number;
    }
  }

  public static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int number = parseInt(value);
      if (number < 0) {
        throw new TypeConversionException("must be 0 or more, got " + value);
      }
      return number;
    }
  }

  public static final class NonNegativeLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long number = Long.parseLong(value.trim());
        if (number < 0) {
          throw new TypeConversionException("must be 0 or more, got " + value);
        }
        return number;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number");
      }
    }
  }

  /** A finite number above zero: learning rates. */
  public static final class PositiveFloat implements ITypeConverter<Float> {
    @Override
    public Float convert(String value) {
      return (float) positive(value);
    }
  }

  /** A finite number of minutes, 0 or more: a time budget, 0 for none. */
  public static final class NonNegativeMinutes implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return value.trim().equals("0") ? 0.0 : positive(value);
    }
  }

  /** A finite number of seconds above zero: intervals. */
  public static final class PositiveSeconds implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return positive(value);
    }
  }

  /** Refuses {@code value} of {@code flag} as a usage error unless it is a finite number of at least {@code minimum}. */
  public static void atLeast(CommandLine commandLine, double value, String flag, double minimum) {
    if (!Double.isFinite(value) || value < minimum) {
      throw new CommandLine.ParameterException(commandLine, String.format(Locale.ROOT,
          "%s must be a number of at least %s, got %s", flag, minimum, value));
    }
  }

  private static double positive(String value) {
    double number;
    try {
      number = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a number");
    }
    if (!(number > 0) || Double.isInfinite(number) || (float) number == 0) {
      throw new TypeConversionException(String.format(Locale.ROOT, "must be a positive number, got %s", value));
    }
    return number;
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }
}
