package org.deepmetric.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepmetric.DeepMetricException;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.models.ModelCheckpoints;
import org.deepmetric.models.OriginalNames;
import org.deepmetric.models.ReidEncoder;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.proto.GraphDef;

/** The deployable forms of a trained appearance model: frozen graph, bare checkpoint, SavedModel. */
public final class ModelExport {
  public static final String SIGNATURE = "serving_default";

  private ModelExport() {}

  /**
   * A frozen GraphDef for deep_sort: {@code images} uint8 BGR [None,128,64,3] in, {@code features}
   * float32 [None,128] out, inference-mode batch norm (folded into the convolutions before it
   * where it can be), no dropout, classic MaxPool. Returns it.
   */
  public static GraphDef freeze(ReidEncoder bgrEncoder, Path output) {
    GraphDef frozen = GraphFreezer.freeze(bgrEncoder.graph(), bgrEncoder.session(), List.of(ReidEncoder.OUTPUT));
    GraphDef folded = BatchNormFolding.fold(frozen, List.of(ReidEncoder.OUTPUT)).graph();
    AtomicFiles.write(output, folded.toByteArray());
    return folded;
  }

  /** Only the network's variables (no optimizer slots), under {@code prefix}, with deepmetric's or the original's names. */
  public static void finalizeCheckpoint(ReidEncoder encoder, Path prefix, CheckpointNames names) {
    if (names == CheckpointNames.ORIGINAL) {
      ModelCheckpoints.saveNetworkAsOriginal(encoder.graph(), encoder.session(), prefix,
          OriginalNames.Program.COSINE_METRIC_LEARNING);
    } else {
      CheckpointStore.saveAtomically(encoder.session(), prefix);
    }
  }

  /** A SavedModel with signature {@code serving_default}: images -> features, for TensorFlow Serving. */
  public static void savedModel(ReidEncoder encoder, Path dir) {
    Path absolute = dir.toAbsolutePath();
    if (Files.exists(absolute)) {
      throw new DeepMetricException(dir + ": already exists; remove it or choose another --output");
    }
    Path staging = null;
    try {
      Files.createDirectories(absolute.getParent());
      staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + "-");
      Files.delete(staging);
      SavedModelBundle.exporter(staging.toString())
          .withSession(encoder.session())
          .withSignature(Signature.builder(SIGNATURE)
              .input(ReidEncoder.INPUT, encoder.images())
              .output(ReidEncoder.OUTPUT, encoder.features())
              .build())
          .export();
      Files.move(staging, absolute);
      staging = null;
    } catch (IOException e) {
      throw new DeepMetricException(dir + ": cannot write SavedModel (" + e.getMessage() + ")", e);
    } finally {
      AtomicFiles.deleteTree(staging);
    }
  }
}
