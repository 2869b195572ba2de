package org.deepmetric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepmetric.fixtures.TrainedReidRun;
import org.deepmetric.train.RunRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The re-identification commands chained as a user would: synth, train, eval, export, evaluate. */
class ReidCliTest {
  @TempDir
  Path dir;

  private static String metrics(String out) {
    Matcher m = Pattern.compile("Rank-1 .*mINP \\d\\.\\d{4}").matcher(out);
    assertTrue(m.find(), out);
    return m.group();
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  @Tag("slow")
  @Test
  void mars() throws IOException {
    String data = dir.resolve("MARS-evaluation-master").toString();
    String logs = dir.resolve("logs").toString();
    assertEquals(0, CliTest.run("synth", "--format=mars", "--output_dir=" + data, "--identities=24", "--cameras=3").status());
    CliTest.Run train = CliTest.run("mars", "--dataset_dir=" + data, "--loss_mode=triplet", "--log_dir=" + logs,
        "--run_id=t", "--batch_size=8", "--number_of_steps=2");
    assertEquals(0, train.status(), train.err());
    assertTrue(train.out().contains("recipe seed, batches of 8"), train.out());

    CliTest.Run noRun = CliTest.run("mars", "--mode=eval", "--once", "--dataset_dir=" + data, "--loss_mode=triplet",
        "--log_dir=" + logs, "--run_id=never-trained", "--eval_log_dir=" + dir.resolve("eval"));
    assertEquals(1, noRun.status(), "--once with nothing to evaluate fails");
    assertTrue(noRun.err().contains("no run at " + Path.of(logs, "never-trained") + "; train first or pass --run_id"),
        noRun.err());
    assertFalse(Files.exists(Path.of(logs, "never-trained")), "eval never creates a run folder");
    Files.createDirectories(Path.of(logs, "empty-run"));
    CliTest.Run noCheckpoint = CliTest.run("mars", "--mode=eval", "--once", "--dataset_dir=" + data,
        "--loss_mode=triplet", "--log_dir=" + logs, "--run_id=empty-run", "--eval_log_dir=" + dir.resolve("eval"));
    assertEquals(1, noCheckpoint.status());
    assertTrue(noCheckpoint.err().contains("no checkpoint in"), noCheckpoint.err());
    CliTest.Run broken = CliTest.run("mars", "--mode=eval", "--once", "--dataset_dir=" + data, "--loss_mode=triplet",
        "--log_dir=" + logs, "--run_id=t", "--restore_path=" + Files.writeString(dir.resolve("x.index"), "junk"),
        "--eval_log_dir=" + dir.resolve("eval"));
    assertEquals(1, broken.status(), "--once reports a failed evaluation with exit status 1");

    CliTest.Run eval = CliTest.run("mars", "--mode=eval", "--once", "--dataset_dir=" + data, "--loss_mode=triplet",
        "--log_dir=" + logs, "--run_id=t", "--eval_log_dir=" + dir.resolve("eval"));
    assertEquals(0, eval.status(), eval.err());
    assertTrue(eval.out().matches("(?s).*step 2: Precision@1 \\d\\.\\d{4}.*"), eval.out());
    assertTrue(Files.readString(dir.resolve("eval/t/cmc.csv")).contains("2,model.ckpt-2,"));

    CliTest.Run otherLoss = CliTest.run("mars", "--mode=export", "--dataset_dir=" + data, "--loss_mode=magnet",
        "--log_dir=" + logs, "--run_id=t");
    assertEquals(2, otherLoss.status());
    assertTrue(otherLoss.err().contains("--loss_mode magnet contradicts the run in " + Path.of(logs, "t")
        + ", trained with triplet"), otherLoss.err());
    CliTest.Run otherDataset = CliTest.run("market1501", "--mode=freeze", "--log_dir=" + logs, "--run_id=t");
    assertEquals(2, otherDataset.status());
    assertTrue(otherDataset.err().contains("was trained by 'mars', not 'market1501'"), otherDataset.err());
    // The run remembers its loss mode: export needs no --loss_mode.
    CliTest.Run export = CliTest.run("mars", "--mode=export", "--dataset_dir=" + data, "--log_dir=" + logs,
        "--run_id=t");
    assertEquals(0, export.status(), export.err());
    assertTrue(Files.isRegularFile(Path.of(data, "feat_test.mat")));

    CliTest.Run fromCheckpoint = CliTest.run("evaluate", "--dataset=mars", "--dataset_dir=" + data, "--metric=euclidean",
        "--restore_path=" + dir.resolve("logs/t"));
    CliTest.Run fromMat = CliTest.run("evaluate", "--dataset=mars", "--dataset_dir=" + data, "--metric=euclidean",
        "--features_dir=" + data);
    assertEquals(0, fromCheckpoint.status(), fromCheckpoint.err());
    assertEquals(metrics(fromCheckpoint.out()), metrics(fromMat.out()), "the exported features score the same");
    assertTrue(fromMat.out().contains("gallery: all ") && fromMat.out().contains("[protocol kit]"), fromMat.out());
    CliTest.Run torchreid = CliTest.run("evaluate", "--dataset=mars", "--dataset_dir=" + data, "--metric=euclidean",
        "--features_dir=" + data, "--protocol=torchreid");
    assertTrue(torchreid.out().contains("tracklets not in query_IDX") && torchreid.out().contains("[protocol torchreid]"),
        torchreid.out());
  }

  /** A custom CSV list, small and uneven: fewer identities than a batch asks, cameras unknown. */
  @Test
  void customDataFromACsvListTrainsAndEvaluates() throws IOException {
    Path folders = dir.resolve("walkers");
    assertEquals(0, CliTest.run("synth", "--format=custom", "--output_dir=" + folders, "--identities=12",
        "--cameras=2").status());
    StringBuilder csv = new StringBuilder("path,identity,camera,split\n");
    try (var files = Files.walk(folders)) {
      for (Path image : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
        Path relative = dir.relativize(image);
        // No cameras: the list leaves the column empty.
        csv.append(relative).append(',').append(image.getParent().getFileName()).append(",,")
            .append(relative.getName(1)).append('\n');
      }
    }
    Path list = Files.writeString(dir.resolve("walkers.csv"), csv.toString());
    String logs = dir.resolve("logs").toString();
    // No --batch_size: the cpu recipe's 64, not the command's 128.
    CliTest.Run train = CliTest.run("custom", "--dataset_dir=" + list, "--log_dir=" + logs, "--run_id=c",
        "--recipe=cpu", "--number_of_steps=2", "--image_shape=64,32");
    assertEquals(0, train.status(), train.err());
    assertTrue(train.out().contains("recipe cpu, batches of 64"), train.out());
    assertTrue(train.err().contains("note: a batch of 64 could not be filled from 6 identities"), train.err());
    Properties record = new Properties();
    record.load(new StringReader(Files.readString(Path.of(logs, "c", RunRecord.FILE))));
    assertEquals(List.of("custom", "cosine-softmax", "cpu", "64,32"), List.of(record.getProperty("dataset"),
        record.getProperty("loss_mode"), record.getProperty("recipe"), record.getProperty("image_shape")));
    assertTrue(Files.readString(Path.of(logs, "c", "identities.csv")).startsWith("label,identity\n0,walker-001\n"));

    CliTest.Run eval = CliTest.run("custom", "--mode=eval", "--once", "--dataset_dir=" + list, "--log_dir=" + logs,
        "--run_id=c", "--eval_log_dir=" + dir.resolve("eval"));
    assertEquals(0, eval.status(), eval.err());
    assertTrue(eval.out().matches("(?s).*step 2: Precision@1 \\d\\.\\d{4}.*"), eval.out());

    CliTest.Run contradicted = CliTest.run("custom", "--mode=freeze", "--log_dir=" + logs, "--run_id=c",
        "--image_shape=128,64", "--output=" + dir.resolve("never.pb"));
    assertEquals(2, contradicted.status(), "a flag that contradicts the run is a usage error");
    assertTrue(contradicted.err().contains("--image_shape 128,64 contradicts the run in " + Path.of(logs, "c")
        + ", trained with 64,32"), contradicted.err());
    assertFalse(Files.exists(dir.resolve("never.pb")));
    // The run's record gives the crop shape: no --image_shape needed.
    CliTest.Run fromCheckpoint = CliTest.run("evaluate", "--dataset=custom", "--dataset_dir=" + list,
        "--restore_path=" + Path.of(logs, "c"));
    assertEquals(0, fromCheckpoint.status(), fromCheckpoint.err());
    assertTrue(fromCheckpoint.out().contains("cameras unknown, every image of the identity is a match"),
        fromCheckpoint.out());
    Path pb = dir.resolve("walkers.pb");
    CliTest.Run freeze = CliTest.run("custom", "--mode=freeze", "--log_dir=" + logs, "--run_id=c", "--output=" + pb);
    assertEquals(0, freeze.status(), freeze.err());
    assertTrue(freeze.out().contains("[None,64,32,3]"), "the run's image shape: " + freeze.out());
    CliTest.Run wrongShape = CliTest.run("evaluate", "--dataset=custom", "--dataset_dir=" + list, "--model=" + pb,
        "--image_shape=128,64");
    assertEquals(2, wrongShape.status(), wrongShape.err());
    assertTrue(wrongShape.err().contains("whose input is 64,32 crops"), wrongShape.err());
    CliTest.Run fromGraph = CliTest.run("evaluate", "--dataset=custom", "--dataset_dir=" + list, "--model=" + pb);
    assertEquals(0, fromGraph.status(), fromGraph.err());
    // After two steps every feature is nearly the same, so ranks are near-ties; the frozen graph's
    // features are checked against the checkpoint's to 1e-5 elsewhere. Here: the same queries.
    String queries = "\\((\\d+) queries";
    assertEquals(find(fromCheckpoint.out(), queries), find(fromGraph.out(), queries));
  }

  /**
   * An OSNet run records its network; freeze, evaluate and the other modes build it without being
   * told; its int8 export passes the cosine gate; its ONNX export starts another run through --init_from.
   * About 4 minutes on 2 cores: slow-tagged.
   */
  @Test
  @Tag("slow")
  void osnetRunRecordsItsNetworkForTheOtherModes() throws IOException {
    String data = TrainedReidRun.get().marketDir.toString();
    Path logs = dir.resolve("osnet-logs");
    CliTest.Run train = CliTest.run("market1501", "--dataset_dir=" + data, "--network=osnet_x0_25",
        "--loss_mode=softmax", "--recipe=tricks", "--image_shape=64,32", "--batch_size=8", "--number_of_steps=1",
        "--log_dir=" + logs, "--run_id=os");
    assertEquals(0, train.status(), train.err());
    assertTrue(train.out().contains("network osnet_x0_25: 202,376 parameters"), train.out());
    assertTrue(Files.readString(logs.resolve("os/run.properties")).contains("network=osnet_x0_25\n"));
    Path pb = dir.resolve("osnet.pb");
    CliTest.Run freeze = CliTest.run("market1501", "--mode=freeze", "--log_dir=" + logs, "--run_id=os",
        "--output=" + pb);
    assertEquals(0, freeze.status(), freeze.err());
    assertTrue(freeze.out().contains("input 'images' uint8 BGR [None,64,32,3], output 'features' float32 [None,512]"),
        freeze.out());
    CliTest.Run evaluate = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + data,
        "--restore_path=" + logs.resolve("os"));
    assertEquals(0, evaluate.status(), evaluate.err());
    assertTrue(evaluate.out().contains("[protocol kit] Rank-1"), evaluate.out());
    CliTest.Run contradiction = CliTest.run("market1501", "--mode=freeze", "--log_dir=" + logs, "--run_id=os",
        "--network=cosine", "--output=" + dir.resolve("cosine.pb"));
    assertEquals(2, contradiction.status());
    assertTrue(contradiction.err().contains("--network cosine contradicts the run"), contradiction.err());
    // Its ONNX export starts a new run through --init_from: mapped, checked, trained on.
    Path onnx = dir.resolve("osnet.onnx");
    assertEquals(0, CliTest.run("market1501", "--mode=onnx", "--log_dir=" + logs, "--run_id=os",
        "--output=" + onnx).status());
    // Its int8 model passes the gate: every held-out row's cosine to float32 at least 0.98.
    CliTest.Run int8 = CliTest.run("market1501", "--mode=onnx", "--log_dir=" + logs, "--run_id=os",
        "--dataset_dir=" + data, "--quantize=int8", "--output=" + dir.resolve("osnet-int8.onnx"));
    assertEquals(0, int8.status(), int8.err());
    String kept = int8.out().lines().filter(l -> l.endsWith("(kept)")).findFirst().orElseThrow();
    assertTrue(Double.parseDouble(kept.replaceAll(".*: min ([0-9.]+), mean.*", "$1")) >= 0.98, kept);
    CliTest.Run tuned = CliTest.run("market1501", "--dataset_dir=" + data, "--init_from=" + onnx,
        "--loss_mode=softmax", "--recipe=tricks", "--image_shape=64,32", "--batch_size=8", "--number_of_steps=1",
        "--log_dir=" + logs, "--run_id=tuned");
    assertEquals(0, tuned.status(), tuned.err());
    assertTrue(tuned.out().contains("init_from " + onnx + ": osnet_x0_25, "), tuned.out());
    String check = tuned.out().lines().filter(l -> l.startsWith("init_from check:")).findFirst().orElseThrow();
    assertTrue(Double.parseDouble(check.replaceAll(".*cosine min ([0-9.]+),.*", "$1")) >= 0.9999, check);
    assertTrue(Files.readString(logs.resolve("tuned/run.properties")).contains("network=osnet_x0_25\n"));
    CliTest.Run wider = CliTest.run("market1501", "--dataset_dir=" + data, "--init_from=" + onnx,
        "--network=osnet_x1_0", "--log_dir=" + logs, "--run_id=wider");
    assertEquals(2, wider.status());
    assertTrue(wider.err().contains("--network osnet_x1_0 contradicts --init_from"), wider.err());
    assertFalse(Files.exists(logs.resolve("wider")), "nothing written");
  }

  @Test
  void market1501FreezeAndEvaluateTheFrozenGraph() throws IOException {
    // A run the test JVM trains once: this test exercises what comes after training.
    TrainedReidRun trained = TrainedReidRun.get();
    String data = trained.marketDir.toString();
    Path run = trained.runDir;
    Path pb = dir.resolve("market1501.pb");
    // The seed's own freeze command names no dataset: python train_mars.py --mode=freeze --restore_path=...
    CliTest.Run freeze = CliTest.run("market1501", "--mode=freeze", "--restore_path=" + run, "--output=" + pb);
    assertEquals(0, freeze.status(), freeze.err());
    CliTest.Run evaluate = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + data, "--model=" + pb,
        "--rerank", "--visualize=3", "--vis_queries=2", "--vis_dir=" + dir.resolve("vis"));
    assertEquals(0, evaluate.status(), evaluate.err());
    assertTrue(evaluate.out().contains("market1501 re-ranked: gallery: every bounding_box_test crop"), evaluate.out());
    assertTrue(evaluate.out().contains("[protocol kit] Rank-1"), evaluate.out());
    try (var files = Files.list(dir.resolve("vis"))) {
      assertEquals(2, files.filter(p -> p.toString().endsWith(".png")).count());
    }
    Path onnx = dir.resolve("market1501.onnx");
    CliTest.Run export = CliTest.run("market1501", "--mode=onnx", "--restore_path=" + run, "--output=" + onnx);
    assertEquals(0, export.status(), export.err());
    assertTrue(export.out().contains("input 'images' uint8 BGR [N,128,64,3]"), export.out());
    // One training step leaves all features within 1e-4 of each other, so rankings are compared
    // nowhere here; ReidDeploymentTest holds ONNX Runtime's features to TensorFlow's within 1e-5.
    CliTest.Run viaOnnx = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + data, "--model=" + onnx);
    assertEquals(0, viaOnnx.status(), viaOnnx.err());
    long queryCount;
    try (var files = Files.list(Path.of(data, "query"))) {
      queryCount = files.count();
    }
    assertTrue(viaOnnx.out().contains("(" + queryCount + " queries)"), "the kit protocol scores every query: "
        + viaOnnx.out());
    Path boxmot = dir.resolve("boxmot.onnx");
    assertEquals(0, CliTest.run("market1501", "--mode=onnx", "--onnx_layout=boxmot", "--restore_path=" + run,
        "--output=" + boxmot).status());
    // boxmot's layout is recognised from the model's input, as any torchreid or boxmot ONNX model is.
    CliTest.Run viaBoxmot = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + data, "--model=" + boxmot);
    assertEquals(0, viaBoxmot.status(), viaBoxmot.err());
    assertTrue(viaBoxmot.out().contains("(" + queryCount + " queries)"), viaBoxmot.out());
    String chosen;
    try (var queries = Files.list(Path.of(data, "query"))) {
      chosen = queries.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
    CliTest.Run picture = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + data, "--model=" + pb,
        "--visualize=4", "--vis_query=" + chosen, "--vis_dir=" + dir.resolve("chosen"));
    assertEquals(0, picture.status(), picture.err());
    assertTrue(Files.isRegularFile(dir.resolve("chosen").resolve(chosen.replace(".jpg", ".png"))));
    CliTest.Run unknown = CliTest.run("evaluate", "--dataset=market1501", "--dataset_dir=" + data, "--model=" + pb,
        "--visualize=4", "--vis_query=nobody.jpg");
    assertEquals(1, unknown.status());
    assertTrue(unknown.err().contains("--vis_query nobody.jpg: no query image of that name"), unknown.err());
    CliTest.Run noCheckpoint = CliTest.run("market1501", "--mode=freeze", "--dataset_dir=" + data,
        "--log_dir=" + dir.resolve("empty"));
    assertEquals(1, noCheckpoint.status());
    assertTrue(noCheckpoint.err().contains("no checkpoint in"), noCheckpoint.err());
  }
}
