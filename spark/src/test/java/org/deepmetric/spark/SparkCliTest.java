package org.deepmetric.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user of {@code deepmetric spark} sees when something is wrong. */
class SparkCliTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = SparkMain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void aBadNumberIsAUsageError() {
    assertEquals(2, run("search", "--query", "q", "--gallery", "g", "--output", "o", "--top_k", "0"));
    assertTrue(err.toString().startsWith("deepmetric: Invalid value for option '--top_k': must be a positive whole number"),
        err.toString());
    assertEquals(2, run("search", "--query", "q", "--gallery", "g", "--output", "o", "--protocol", "cuhk03"));
    assertTrue(err.toString().contains("'cuhk03' is not one of market1501"), err.toString());
  }

  @Test
  void aMissingTableIsOneLineAndExitOne() {
    int status = run("search", "--master", "local[1]", "--query", dir.resolve("none").toString(), "--gallery",
        dir.resolve("none").toString(), "--output", dir.resolve("out").toString());
    assertEquals(1, status);
    // Checked before Spark starts: one line, no Spark start-up.
    assertEquals("deepmetric: error: --query " + dir.resolve("none") + ": not found", err.toString().strip());
  }

  @Test
  void aMissingModelIsNamedBeforeSparkStarts() {
    int status = run("encode", "--model", dir.resolve("m.pb").toString(), "--images", dir.toString(), "--output",
        dir.resolve("out").toString());
    assertEquals(1, status);
    assertEquals("deepmetric: error: --model " + dir.resolve("m.pb") + ": not found", err.toString().strip());
  }

  @Test
  void everyJobHasHelp() {
    for (String job : new String[] {"encode", "detections", "search", "bench"}) {
      assertEquals(0, run(job, "--help"), job);
    }
    assertTrue(out.toString().contains("--top_k"), out.toString());
  }
}
