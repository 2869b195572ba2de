package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code deepmetric} launcher script at the repository root. It checks the TensorFlow variable
 * it sets before it builds anything, so this runs without a jar.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "deepmetric").toAbsolutePath().normalize();

  @Test
  void refusesAPrimitiveCacheSettingThatTensorFlowWouldAbortOn() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "--version").redirectErrorStream(true);
    builder.environment().put("TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE", "off");
    Process run = builder.start();
    assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the launcher answers at once");
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, run.exitValue(), output);
    assertEquals("deepmetric: error: TF_MKL_OPTIMIZE_PRIMITIVE_MEMUSE='off' must be true, false, 1 or 0\n", output);
  }
}
