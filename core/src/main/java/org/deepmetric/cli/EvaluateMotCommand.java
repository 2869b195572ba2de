package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepmetric.data.CameraClock;
import org.deepmetric.data.MotText;
import org.deepmetric.eval.MotEvaluation;
import org.deepmetric.eval.MotMetrics;
import org.deepmetric.eval.MultiCameraScore;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.io.AtomicFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code deepmetric evaluate-mot}: deep_sort's evaluate_motchallenge.py, with py-motmetrics' rules. */
@Command(name = "evaluate-mot", mixinStandardHelpOptions = true,
    header = "Score tracking results against MOTChallenge ground truth: HOTA (DetA, AssA), MOTA, MOTP, IDF1, ID"
        + " switches, ...",
    description = {
        "Score one result file against one gt.txt, or every <sequence>.txt of --result_dir against "
            + "--mot_dir/<sequence>/gt/gt.txt, as py-motmetrics and the MOTChallenge devkit do: IoU of at least 0.5 "
            + "to match, a match kept from the previous frame while it may, identity switches, fragmentations, "
            + "IDF1 from one global assignment of identities; ground-truth rows marked 0 or of a class other than "
            + "pedestrian are ignored (tracker boxes on static or occluded people too, as MOT16). MOTP is the "
            + "mean IoU of matched boxes, in percent as the devkit prints it. HOTA and its parts as TrackEval computes "
            + "them. Prints a table per sequence and overall; where --mot_dir holds cameras.csv (a multi-camera set "
            + "with global ids), also the MULTI-CAMERA row: every camera's frames on one timeline and the ids "
            + "matched once for all cameras, DukeMTMC's multi-camera IDF1, IDP and IDR."})
final class EvaluateMotCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @ArgGroup(exclusive = false)
    One one;

    @ArgGroup(exclusive = false)
    Many many;
  }

  static final class One {
    @Option(names = "--gt", required = true, paramLabel = "TXT", description = "A gt.txt.")
    Path gt;

    @Option(names = "--result", required = true, paramLabel = "TXT", description = "The tracker's results.")
    Path result;
  }

  static final class Many {
    @Option(names = "--mot_dir", required = true, paramLabel = "DIR", description = "Sequences with gt/gt.txt.")
    Path motDir;

    @Option(names = "--result_dir", required = true, paramLabel = "DIR", description = "<sequence>.txt results.")
    Path resultDir;
  }

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the figures as CSV.")
  Path csv;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder csvText = new StringBuilder(MotMetrics.CSV_HEADER).append('\n');
    out.println(MotMetrics.TABLE_HEADER);
    MotMetrics total = null;
    if (input.one != null) {
      total = MotEvaluation.evaluate(MotText.read(input.one.gt), results(input.one.result));
      String name = input.one.result.getFileName().toString().replaceAll("\\.txt$", "");
      out.println(total.tableRow(name));
      csvText.append(total.csvRow(name)).append('\n');
    } else {
      List<List<double[]>> allTruth = new ArrayList<>();
      List<List<double[]>> allResults = new ArrayList<>();
      for (Path sequence : MotSequence.folders(input.many.motDir, "gt/gt.txt")) {
        String name = sequence.getFileName().toString();
        Path result = input.many.resultDir.resolve(name + ".txt");
        List<double[]> truth = MotText.read(sequence.resolve("gt").resolve("gt.txt"));
        List<double[]> rows = results(result);
        MotMetrics metrics = MotEvaluation.evaluate(truth, rows);
        out.println(metrics.tableRow(name));
        csvText.append(metrics.csvRow(name)).append('\n');
        total = total == null ? metrics : total.plus(metrics);
        allTruth.add(truth);
        allResults.add(rows);
      }
      out.println(total.tableRow("OVERALL"));
      csvText.append(total.csvRow("OVERALL")).append('\n');
      if (Files.isRegularFile(input.many.motDir.resolve(CameraClock.FILE))) {
        MotMetrics cameras = MultiCameraScore.evaluate(allTruth, allResults);
        out.println(cameras.tableRow("MULTI-CAMERA"));
        out.printf(Locale.ROOT, "multi-camera (%s: %d cameras on one timeline, ids matched once for all): IDF1 %.2f,"
            + " IDP %.2f, IDR %.2f%n", CameraClock.FILE, allTruth.size(), 100 * cameras.idf1(), 100 * cameras.idp(),
            100 * cameras.idr());
        csvText.append(cameras.csvRow("MULTI-CAMERA")).append('\n');
      }
    }
    if (csv != null) {
      AtomicFiles.writeString(csv, csvText.toString());
    }
    return 0;
  }

  /** A tracker's rows; an empty file scores (every true box a miss) with a warning, as it is rarely meant. */
  private List<double[]> results(Path file) {
    List<double[]> rows = MotText.read(file);
    if (rows.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("warning: " + file + ": no tracker rows; every ground-truth box counts as a miss");
      err.flush();
    }
    return rows;
  }
}
