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
import java.util.ArrayList;
import org.deepmetric.io.CheckpointStore;

/** The command line as a user meets it: exit status, messages, files. */
class CliTest {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  /** Runs the command tree in-process; everything it says goes through picocli's two writers. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DeepMetric.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
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
    assertOneLineError(run("lenet", "train", "--epochs", "0"), 2, "--epochs", "must be a positive whole number, got 0");
    assertOneLineError(run("lenet", "train", "--precision_mode", "fp16"), 2, "--precision_mode",
        "is not one of fp32, bf16, allow_fp32_to_fp16, force_fp16, allow_mix_precision, must_keep_origin_dtype");
    assertOneLineError(run("lenet", "train", "--learning_rate", "NaN"), 2, "--learning_rate", "must be a positive number");
    assertOneLineError(run("lenet", "train", "--keep_checkpoints", "-1"), 2, "--keep_checkpoints", "must be 0 or more");
    assertOneLineError(run("lenet", "infer", "--model_path", "m.pb", "--data_dir", ".", "--batch_size", "0"), 2,
        "--batch_size", "must be a positive whole number");
    assertOneLineError(run("lenet", "train", "--no_such_flag"), 2, "--no_such_flag");
    assertOneLineError(run("lenet", "freeze"), 2, "--restore_path");
    assertOneLineError(run("lenet", "preprocess", "--split", "validation"), 2, "--split", "is not one of test, train");
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
    assertOneLineError(run("market1501", "--dataset_dir=" + dir, "--loss_mode=arcface"), 2,
        "is not one of cosine-softmax, softmax, triplet, magnet");
    assertOneLineError(run("market1501", "--dataset_dir=" + dir, "--number_of_steps=-5"), 2, "--number_of_steps",
        "must be 0 or more");
    assertOneLineError(run("market1501", "--dataset_dir=" + dir, "--save_interval_secs=0"), 2, "--save_interval_secs");
    assertOneLineError(run("market1501", "--dataset_dir=" + dir, "--loader_threads=0"), 2, "--loader_threads");
    assertOneLineError(run("market1501", "--dataset_dir=" + dir, "--mat_layout=diagonal"), 2,
        "is not one of columns, rows");
    assertOneLineError(run("mars", "--dataset_dir=" + dir, "--batch_size=30"), 2, "multiple of 4");
    assertOneLineError(run("mars", "--dataset_dir=" + dir, "--mode=bogus"), 2, "--mode");
    assertOneLineError(run("synth", "--format=cuhk03", "--output_dir=" + dir.resolve("s")), 2,
        "is not one of market1501, mars, mot, mtmc, custom");
    assertOneLineError(run("synth", "--format=custom", "--crowd=100", "--output_dir=" + dir.resolve("s")), 2,
        "--crowd is for --format mot");
    assertOneLineError(run("synth", "--format=mot", "--junk=-1", "--output_dir=" + dir.resolve("s")), 2, "--junk");
    assertOneLineError(run("bench", "--only=lenet,gpu"), 2, "--only",
        "is not one of lenet, reid, fold, serve, eval, loader, watcher, assignment, trackers");
    assertOneLineError(run("mars"), 2, "--mode=train needs --dataset_dir");
  }

  @Test
  void evaluateRefusesBadUsage() {
    String data = "--dataset_dir=" + dir;
    assertOneLineError(run("evaluate", "--dataset=cuhk03", data, "--model=m.pb"), 2,
        "is not one of market1501, mars, custom");
    assertOneLineError(run("evaluate", "--dataset=mars", data), 2, "--restore_path", "--model", "--features_dir");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--features_dir=" + dir), 2,
        "mutually exclusive");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--protocol=cvpr"), 2,
        "is not one of kit, torchreid");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--pooling=median"), 2,
        "is not one of mean, max");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--metric=l1"), 2,
        "is not one of cosine, euclidean");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--visualize=-1"), 2, "--visualize");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--vis_queries=0"), 2, "--vis_queries");
    assertOneLineError(run("evaluate", "--dataset=mars", data, "--model=m.pb", "--vis_query=a.jpg"), 2,
        "--vis_query needs --visualize");
    assertOneLineError(run("evaluate", "--dataset=mars", "--dataset_dir=" + dir.resolve("nope"), "--model=m.pb"), 1,
        "folder not found");
  }

  /** Every command's help, rendered as a user asks for it, with picocli's own warnings caught. */
  @Test
  void everyCommandsHelpRendersWithoutAPicocliWarning() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream picocliLog = new ByteArrayOutputStream();
    List<String> rendered = new ArrayList<>();
    try {
      System.setErr(new PrintStream(picocliLog, true));
      collect(DeepMetric.commandLine(), rendered);
    } finally {
      System.setErr(originalErr);
    }
    assertTrue(rendered.size() >= 12, "every command and subcommand: " + rendered.size());
    assertEquals("", picocliLog.toString(), "picocli warned while rendering help");
    for (String help : rendered) {
      assertFalse(help.contains("WARN") || help.contains("%n"), help);
    }
    String market = run("market1501", "--help").out();
    assertTrue(market.contains("10% of its identities held out"), market);
    assertTrue(market.contains("as train_market1501.py.\n"), "description lines keep their breaks: " + market);
  }

  private static void collect(CommandLine command, List<String> rendered) {
    rendered.add(command.getUsageMessage());
    for (CommandLine sub : command.getSubcommands().values()) {
      collect(sub, rendered);
    }
  }

  /** The seed's train_full_1p.sh passes its own flag names and NPU settings; they must run. */
  @Test
  void theSeedsFlagsAreAccepted() throws IOException {
    Files.createDirectories(dir.resolve("mnist"));
    Path output = dir.resolve("seed-output");
    Run seed = run("lenet", "train", "--data_path=" + dir.resolve("mnist"), "--output_path=" + output,
        "--learing_rata=0.002", "--ckpt_count=1", "--precision_mode=allow_mix_precision", "--over_dump=False",
        "--data_dump_flag=0", "--steps=3", "--epochs=2");
    assertEquals(0, seed.status(), seed.err());
    assertTrue(seed.err().contains("note: --precision_mode allow_mix_precision is an Ascend NPU float16 mode"),
        seed.err());
    assertTrue(seed.err().contains("note: --over_dump configures the Ascend NPU only"), seed.err());
    assertTrue(seed.out().contains("precision : fp32"), seed.out());
    assertEquals(1, new CheckpointStore(output.resolve("checkpoints"), 0).list().size(),
        "--ckpt_count 1 keeps one checkpoint");
    List<String> log = Files.readAllLines(output.resolve("train.log"));
    assertTrue(log.get(0).startsWith("epoch : 0----step : 0----loss : "), "0-based as the seed: " + log.get(0));
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
      assertEquals("", run.err(), "help goes to stdout");
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
    assertTrue(train.err().contains("note: No MNIST files in") && train.err().contains("using the bundled"), train.err());
    assertTrue(train.out().contains("Final Performance images/sec : "), train.out());

    Path pb = dir.resolve("LeNet_frozen_graph.pb");
    Run freeze = run("lenet", "freeze", "--restore_path", output.resolve("checkpoints").toString(), "--output", pb.toString());
    assertEquals(0, freeze.status(), freeze.err());
    assertTrue(Files.size(pb) > 100_000);
    Path onnx = dir.resolve("lenet.onnx");
    Run toOnnx = run("lenet", "export-onnx", "--restore_path", output.resolve("checkpoints").toString(), "--output",
        onnx.toString());
    assertEquals(0, toOnnx.status(), toOnnx.err());
    assertTrue(toOnnx.out().contains("ONNX opset 17"), toOnnx.out());
    try (var session = ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(onnx.toString(),
        new ai.onnxruntime.OrtSession.SessionOptions())) {
      assertEquals(List.of("logits", "probabilities"), List.copyOf(session.getOutputNames()));
    } catch (ai.onnxruntime.OrtException e) {
      throw new AssertionError(e);
    }

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
