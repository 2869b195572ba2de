package org.deepmetric;

/**
 * A problem the user can fix (a wrong path, a corrupt file, a diverging run). The CLI prints its
 * message as one line and exits with status 1; everything else is a bug and keeps its stack trace.
 */
public class DeepMetricException extends RuntimeException {
  public DeepMetricException(String message) {
    super(message);
  }

  public DeepMetricException(String message, Throwable cause) {
    super(message, cause);
  }
}
