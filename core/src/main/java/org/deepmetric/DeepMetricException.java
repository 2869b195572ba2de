package org.deepmetric;

/**
 * A problem the user can fix (a wrong path, a corrupt file, a diverging run), caught once in the
 * CLI: it prints {@code deepmetric: error: MESSAGE} on one line and exits with status 1. Any other
 * exception is a bug and is reported as {@code internal error}, also on one line; {@code --verbose}
 * adds the stack trace to either.
 */
public class DeepMetricException extends RuntimeException {
  public DeepMetricException(String message) {
    super(message);
  }

  public DeepMetricException(String message, Throwable cause) {
    super(message, cause);
  }
}
