package org.deepmetric.cli;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.deepmetric.DeepMetricException;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.CustomDataset;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.Market1501;
import org.deepmetric.data.reid.Mars;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidBatch;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.eval.CustomEvaluation;
import org.deepmetric.eval.Market1501Evaluation;
import org.deepmetric.eval.Metric;
import org.deepmetric.eval.Protocol;
import org.deepmetric.eval.RankingMetrics;
import org.deepmetric.eval.RankingTask;
import org.deepmetric.eval.Retrieval;
import org.deepmetric.export.ActivationRanges;
import org.deepmetric.export.Int8Export;
import org.deepmetric.infer.AppearanceModel;
import org.deepmetric.infer.OnnxFeatureEncoder;
import org.deepmetric.models.ReidEncoder;

/**
 * {@code --mode=onnx --quantize int8}: the crops the int8 re-ID model is calibrated and checked
 * on, and its Rank-1 and mAP beside float32's where the dataset has a query/gallery test split.
 * Calibration: {@code --calibration_dir}, else {@value #CALIBRATION_CROPS} training crops spread
 * over the training set; held out: as many test crops, else every other calibration_dir crop.
 *
 * @param calibrationDir a folder of crops, or null
 * @param force write the model even when it fails the gate
 * @param datasetGiven whether --dataset_dir names a dataset to draw from
 */
record ReidInt8Export(Path calibrationDir, boolean force, boolean datasetGiven) {
  static final int CALIBRATION_CROPS = 256;
  private static final int BATCH = 32;

  /** The int8 model of {@code fp32}, after printing the gate's figures; refused under the gate unless forced. */
  OnnxMl.ModelProto quantize(OnnxMl.ModelProto fp32, ReidRun run) {
    if (calibrationDir == null && !datasetGiven) {
      throw new DeepMetricException("--quantize int8 needs crops to calibrate on: give --calibration_dir or"
          + " --dataset_dir");
    }
    ReidDataset data = datasetGiven ? run.dataset().get() : null;
    List<PersonImage> calibration;
    List<PersonImage> heldOut;
    String calibrationWhat;
    String heldOutWhat;
    List<PersonImage> folder = calibrationDir != null ? folderCrops(calibrationDir) : List.of();
    if (calibrationDir != null) {
      calibration = data != null ? folder : everyOther(folder, 0);
      calibrationWhat = calibration.size() + " crops of " + calibrationDir;
    } else {
      calibration = spread(data.train(), CALIBRATION_CROPS);
      calibrationWhat = calibration.size() + " training crops";
    }
    if (data != null) {
      heldOut = spread(testCrops(data), CALIBRATION_CROPS);
      heldOutWhat = heldOut.size() + " test crops";
    } else {
      heldOut = everyOther(folder, 1);
      heldOutWhat = "the other " + heldOut.size() + " crops of " + calibrationDir;
    }
    if (heldOut.isEmpty()) {
      throw new DeepMetricException(calibrationDir + ": one crop cannot both calibrate and check the int8 model;"
          + " give at least two, or --dataset_dir");
    }
    run.err().printf("int8: calibrating on %s, checking on %s%n", calibrationWhat, heldOutWhat);
    Int8Export.Result result;
    try (CropLoader loader = new CropLoader(run.loaderThreads())) {
      result = Int8Export.quantize(fp32, batches(calibration, loader, run.imageShape()),
          batches(heldOut, loader, run.imageShape()), ReidEncoder.OUTPUT);
    }
    for (Int8Export.Candidate c : result.tried()) {
      run.out().printf("int8 %s against float32: %s%s%n", c.method(), c.agreement(),
          c == result.chosen() ? " (kept)" : "");
    }
    if (data instanceof Market1501 || data instanceof CustomDataset) {
      run.out().println(ranking(fp32, result.chosen().model(), data, run));
    } else if (data instanceof Mars) {
      run.out().println("int8: MARS pools whole tracklets, too many frames to encode twice here; score the"
          + " written model with evaluate --dataset mars --model FILE");
    }
    Int8Export.check(result.chosen().agreement(), force);
    return result.chosen().model();
  }

  /** Rank-1 and mAP of both models on the dataset's query and gallery, the kit's protocol, cosine distance. */
  private static String ranking(OnnxMl.ModelProto fp32, OnnxMl.ModelProto int8, ReidDataset data, ReidRun run) {
    List<PersonImage> query = data instanceof Market1501 m ? m.query() : ((CustomDataset) data).query();
    List<PersonImage> gallery = data instanceof Market1501 m ? m.gallery() : ((CustomDataset) data).gallery();
    if (query.isEmpty() || gallery.isEmpty()) {
      return "int8: no query/gallery split to score Rank-1 and mAP on";
    }
    StringBuilder line = new StringBuilder("test split (" + Protocol.KIT + " protocol, cosine):");
    for (var model : List.of(Map.entry("float32", fp32), Map.entry("int8", int8))) {
      try (OnnxFeatureEncoder encoder = OnnxFeatureEncoder.of(model.getValue().toByteArray(), model.getKey() + " model");
           CropLoader loader = new CropLoader(run.loaderThreads())) {
        var qf = encoder.encode(query, loader, BATCH);
        var gf = encoder.encode(gallery, loader, BATCH);
        RankingTask task = data instanceof Market1501
            ? Market1501Evaluation.task(query, qf, gallery, gf, Protocol.KIT)
            : CustomEvaluation.task(query, qf, gallery, gf, Protocol.KIT, ((CustomDataset) data).camerasKnown());
        RankingMetrics metrics = Retrieval.evaluate(task, Metric.COSINE, false);
        line.append(String.format(Locale.ROOT, " %s Rank-1 %.4f mAP %.4f;", model.getKey(), metrics.rank(1),
            metrics.map()));
      }
    }
    return line.substring(0, line.length() - 1);
  }

  private static List<PersonImage> testCrops(ReidDataset data) {
    if (data instanceof Market1501 m) {
      return m.gallery();
    }
    if (data instanceof Mars mars) {
      return mars.test();
    }
    if (data instanceof CustomDataset c) {
      return c.gallery();
    }
    return List.of();
  }

  /** Model inputs, uint8 BGR [n,H,W,3], {@value #BATCH} crops at a time, decoded when the calibration reads them. */
  private static List<ActivationRanges.Inputs> batches(List<PersonImage> crops, CropLoader loader, ImageShape shape) {
    List<ActivationRanges.Inputs> batches = new ArrayList<>();
    for (int from = 0; from < crops.size(); from += BATCH) {
      List<PersonImage> slice = crops.subList(from, Math.min(crops.size(), from + BATCH));
      batches.add(environment -> {
        ReidBatch rgb = loader.load(slice, null, shape);
        AppearanceModel.swapRedAndBlue(rgb.images());
        return Map.of(ReidEncoder.INPUT, OnnxFeatureEncoder.patchTensor(environment, rgb.images(), rgb.size(), shape));
      });
    }
    return batches;
  }

  /** {@code count} crops at even steps through {@code all} (all of them when fewer). */
  static List<PersonImage> spread(List<PersonImage> all, int count) {
    if (all.size() <= count) {
      return all;
    }
    List<PersonImage> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(all.get((int) ((long) i * all.size() / count)));
    }
    return picked;
  }

  private static List<PersonImage> everyOther(List<PersonImage> all, int first) {
    List<PersonImage> picked = new ArrayList<>();
    for (int i = first; i < all.size(); i += 2) {
      picked.add(all.get(i));
    }
    return picked;
  }

  private static List<PersonImage> folderCrops(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DeepMetricException(dir + ": no such folder (--calibration_dir)");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<PersonImage> crops = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
              .matches(".*\\.(jpe?g|png)")).sorted().map(f -> new PersonImage(f, 0, 0, 0, 0)).toList();
      if (crops.isEmpty()) {
        throw new DeepMetricException(dir + ": no .jpg or .png images to calibrate on (--calibration_dir)");
      }
      return spread(crops, 2 * CALIBRATION_CROPS);
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot list (" + e.getMessage() + ")", e);
    }
  }
}
