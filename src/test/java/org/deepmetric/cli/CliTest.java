package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: exit status, messages, files. */
class CliTest {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true));
      System.setErr(new PrintStream(terminal, true));
      CommandLine cli = DeepMetric.commandLine();
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out), true));
      int status = cli.execute(args);
      return new Run(status, out.toString(), err.toString());
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private static void assertOneLineError(Run run, int status, String... fragments) {
    assertEquals(status, run.status(), run.err());
    for (String fragment : fragments) {
      assertTrue(run.err().contains(fragment), "'" + fragment + "' missing from: " + run.err());
    }
    assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
  }

  @Test
  void aMissingDataPathIsARunTimeError() {
    Path missing = dir.resolve("no-mnist-here");
    assertOneLineError(run("lenet", "train", "--data_path", missing.toString()), 1, missing.toString(), "no such folder");
  }

  @Test
  void badFlagValuesAreUsageErrors() {
    assertOneLineError(run("lenet", "train", "--batch_size=abc"), 2, "--batch_size", "abc");
    assertOneLineError(run("lenet", "train", "--epochs", "0"), 2, "--epochs must be positive");
    assertOneLineError(run("lenet", "train", "--precision_mode", "fp16"), 2, "expected fp32 or bf16");
    assertOneLineError(run("lenet", "train", "--no_such_flag"), 2, "--no_such_flag");
    assertOneLineError(run("lenet", "freeze"), 2, "--restore_path");
    assertOneLineError(run("lenet", "preprocess", "--split", "validation"), 2, "--split must be test or train");
  }

  @Test
  void missingOrBrokenModelFilesAreRunTimeErrors() throws IOException {
    Path data = Files.createDirectories(dir.resolve("digits"));
    Files.write(data.resolve("x.png"), new byte[] {1, 2, 3});
    Path missing = dir.resolve("missing.pb");
    assertOneLineError(run("lenet", "infer", "--model_path", missing.toString(), "--data_dir", data.toString()),
        1, missing.toString());
    assertOneLineError(run("lenet", "freeze", "--restore_path", dir.toString()), 1, "no complete checkpoint");
    Path garbage = Files.writeString(dir.resolve("garbage.pb"), "this is not a graph");
    assertOneLineError(run("lenet", "infer", "--model_path", garbage.toString(), "--data_dir", data.toString()),
        1, garbage.toString());
  }

  @Test
  void reidFlagsAndFoldersAreChecked() {
    Path missing = dir.resolve("Market-1501-v15.09.15");
    assertOneLineError(run("market1501", "--dataset_dir=" + missing), 1, missing.toString(), "folder not found");
    assertOneLineError(run("market1501", "--dataset_dir=" + dir, "--loss_mode=arcface"), 2, "cosine-softmax, triplet, magnet");
    assertOneLineError(run("mars", "--dataset_dir=" + dir, "--batch_size=30"), 2, "multiple of 4");
    assertOneLineError(run("mars", "--dataset_dir=" + dir, "--mode=bogus"), 2, "--mode");
    assertOneLineError(run("synth", "--format=cuhk03", "--output_dir=" + dir.resolve("s")), 2, "market1501, mars or mot");
    assertOneLineError(run("mars"), 2, "--mode=train needs --dataset_dir");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Run run = run("lenet", "train", "--data_path", dir.resolve("nope").toString(), "--verbose");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("\tat "), run.err());
  }

  @Test
  void everyLevelHasHelp() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"lenet", "--help"},
        new String[] {"lenet", "train", "--help"}, new String[] {"lenet", "infer", "--help"})) {
      Run run = run(args);
      assertEquals(0, run.status());
      assertTrue(run.out().contains("Usage: deepmetric"), run.out());
    }
    assertTrue(run("lenet", "preprocess", "--help").out().contains("little-endian"));
  }

  @Test
  void trainFreezePreprocessInferEndToEnd() throws IOException {
    Path output = dir.resolve("output");
    Run train = run("lenet", "train", "--data_path=" + dir.resolve("empty-mnist"), "--steps=100", "--epochs=1",
        "--output_dir=" + output);
    assertEquals(1, train.status(), "an explicitly named but missing folder is an error");
    Files.createDirectories(dir.resolve("empty-mnist"));
    train = run("lenet", "train", "--data_path=" + dir.resolve("empty-mnist"), "--steps=100", "--epochs=1",
        "--output_dir=" + output, "--precision_mode=bf16");
    assertEquals(0, train.status(), train.err());
    assertTrue(train.out().contains("using the bundled"), train.out());
    assertTrue(train.out().contains("Final Performance images/sec : "), train.out());

    Path pb = dir.resolve("LeNet_frozen_graph.pb");
    Run freeze = run("lenet", "freeze", "--restore_path", output.resolve("checkpoints").toString(), "--output", pb.toString());
    assertEquals(0, freeze.status(), freeze.err());
    assertTrue(Files.size(pb) > 100_000);

    Path bins = dir.resolve("bins");
    assertEquals(0, run("lenet", "preprocess", "--output_path", bins.toString(), "--limit", "40").status());

    Path csv = dir.resolve("predictions.csv");
    Run infer = run("lenet", "infer", "--model_path", pb.toString(), "--data_dir", bins.toString(), "--output",
        csv.toString(), "--batch_size", "16");
    assertEquals(0, infer.status(), infer.err());
    assertTrue(infer.out().matches("(?s).*accuracy: \\d\\.\\d{4} \\(40 labelled images\\).*"), infer.out());
    assertTrue(infer.out().matches("(?s).*average infer time: \\d+\\.\\d+ ms/img, FPS is \\d+\\.\\d.*"), infer.out());
    List<String> rows = Files.readAllLines(csv);
    assertEquals(41, rows.size());
    assertTrue(rows.get(0).startsWith("file,prediction,confidence,label,p0"));
    assertTrue(rows.get(1).startsWith("images/input_0.bin,"));
  }
}
