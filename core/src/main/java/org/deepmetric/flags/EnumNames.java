package org.deepmetric.flags;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * A flag naming one constant of an enum in lower case (any case is taken), as the original tools
 * spell such flags; a subclass per enum gives picocli the no-argument converter it needs, and the
 * names for completion and for the error: {@code 'sort' is not one of deepsort, strongsort, ...}.
 */
public abstract class EnumNames<E extends Enum<E>> implements CommandLine.ITypeConverter<E>, Iterable<String> {
  private final Class<E> type;

  protected EnumNames(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
  }

  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toList()).iterator();
  }
}
