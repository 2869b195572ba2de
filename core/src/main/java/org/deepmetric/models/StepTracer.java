package org.deepmetric.models;

import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/** Runs a model's steps, with TensorFlow's per-op step statistics collected when switched on. */
public final class StepTracer {
  private static final RunOptions FULL_TRACE = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

  private boolean tracing;
  private RunMetadata last;

  public void setTracing(boolean tracing) {
    this.tracing = tracing;
  }

  Result run(Session.Runner runner) {
    if (!tracing) {
      return runner.run();
    }
    Result result = runner.setOptions(FULL_TRACE).runAndFetchMetadata();
    last = result.getMetadata().orElse(null);
    return result;
  }

  /** The step statistics of the last traced step. */
  public Optional<RunMetadata> lastMetadata() {
    return Optional.ofNullable(last);
  }
}
