package org.deepmetric.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.Images;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.DetectionFeatures;
import org.deepmetric.infer.DetectionTable;
import org.deepmetric.infer.MotSequence;
import org.deepmetric.infer.TrackSearch;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.Npy;
import org.deepmetric.track.TrackSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric where}: where did this person go, over the tracks of every camera. */
@Command(name = "where", mixinStandardHelpOptions = true,
    header = "Where did this person go: every camera's tracks ranked by appearance against a track or a crop.",
    description = {
        "Reads the tracks of every camera (--result_dir/<camera>.txt, as mtmc or track writes them) of a "
            + "multi-camera set (--mot_dir with cameras.csv), summarises each by its time span on the common clock "
            + "and the mean of its detections' normalised features (--model, or --detection_dir's .npy files), and "
            + "ranks them by cosine distance to the query: a track (--query CAMERA:ID) or a crop (--query_image, "
            + "with --model). Prints the top --top_k (rank, camera, track, first and last second, boxes, "
            + "distance); --output_csv writes the whole ranking, --output_picture the query beside the best "
            + "tracks' crops."})
final class WhereCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--mot_dir", required = true, paramLabel = "DIR", description = "The cameras' sequences and cameras.csv.")
  Path motDir;

  @Option(names = "--result_dir", required = true, paramLabel = "DIR", description = "<camera>.txt tracks.")
  Path resultDir;

  @Option(names = "--model", paramLabel = "PB|ONNX",
      description = "The appearance model: the tracks' features from det.txt (unless --detection_dir has them) and"
          + " the --query_image's.")
  Path model;

  @Option(names = "--detection_dir", paramLabel = "DIR",
      description = "<camera>.npy features (generate-detections), used for the tracks when given.")
  Path detectionDir;

  @Option(names = "--query", paramLabel = "CAMERA:ID", description = "A track of one camera, as CAM-01:7.")
  String query;

  @Option(names = "--query_image", paramLabel = "IMAGE", description = "A crop of the person (needs --model).")
  Path queryImage;

  @Option(names = "--top_k", defaultValue = "10", converter = org.deepmetric.flags.Numbers.PositiveInt.class,
      description = "Tracks printed and painted (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--output_csv", paramLabel = "CSV", description = "Write the whole ranking here.")
  Path outputCsv;

  @Option(names = "--output_picture", paramLabel = "JPG", description = "Paint the query and the best tracks here.")
  Path outputPicture;

  @Override
  public Integer call() {
    if ((query == null) == (queryImage == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give one of --query CAMERA:ID or --query_image");
    }
    if (model == null && detectionDir == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --model or --detection_dir for features");
    }
    if (queryImage != null && model == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--query_image needs --model to describe the crop");
    }
    String[] wanted = query == null ? null : query.split(":");
    if (wanted != null && (wanted.length != 2 || !wanted[1].matches("\\d+"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--query must be CAMERA:ID, as CAM-01:7, got "
          + query);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (AppearanceModel encoder = model == null ? null : AppearanceModel.load(model)) {
      List<TrackSearch.CameraTracks> cameras = TrackSearch.read(motDir, resultDir, sequence -> detectionDir != null
          ? DetectionTable.of(Npy.read(detectionDir.resolve(sequence.getFileName() + ".npy")))
          : new DetectionFeatures(encoder, err).table(MotSequence.read(sequence, motDir)));
      float[] feature;
      TrackSummary exclude = null;
      BufferedImage queryCrop;
      String queryLabel;
      if (wanted != null) {
        TrackSearch.CameraTracks camera = cameras.stream().filter(t -> t.name().equals(wanted[0])).findFirst()
            .orElseThrow(() -> new DeepMetricException("--query " + query + ": no camera " + wanted[0] + " under "
                + motDir));
        int id = Integer.parseInt(wanted[1]);
        exclude = camera.summaries().stream().filter(s -> s.localId() == id).findFirst().orElseThrow(
            () -> new DeepMetricException("--query " + query + ": " + resultDir.resolve(wanted[0] + ".txt")
                + " has no track " + id));
        feature = exclude.feature();
        queryCrop = TrackSearch.crop(camera, exclude);
        queryLabel = String.format(Locale.ROOT, "query %s|%.0f-%.0f s", query, exclude.firstSeconds(),
            exclude.lastSeconds());
      } else {
        queryCrop = Images.read(queryImage);
        feature = TrackSearch.describe(encoder, queryCrop, err);
        queryLabel = "query|" + queryImage.getFileName();
        int archived = cameras.stream().flatMap(c -> c.summaries().stream()).mapToInt(t -> t.feature().length)
            .filter(d -> d > 0).findFirst().orElse(feature.length);
        if (archived != feature.length) {
          throw new DeepMetricException(String.format(Locale.ROOT, "--model %s gives %d-d features, but the .npy"
              + " files of --detection_dir %s hold %d-d ones: the query and the tracks must come from one model",
              model, feature.length, detectionDir, archived));
        }
      }
      List<TrackSearch.Hit> hits = TrackSearch.rank(feature, cameras, exclude);
      String table = TrackSearch.table(hits);
      table.lines().limit(topK + 1L).forEach(out::println);
      if (outputCsv != null) {
        AtomicFiles.writeString(outputCsv, table);
      }
      if (outputPicture != null) {
        TrackSearch.paint(queryCrop, queryLabel, hits.subList(0, Math.min(topK, hits.size())), outputPicture);
        out.println("picture: " + outputPicture);
      }
    }
    return 0;
  }
}
