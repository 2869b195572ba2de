package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.ReidDataset;
import org.deepmetric.models.ReidEncoder;
import org.deepmetric.models.ReidNetwork;
import org.deepmetric.nn.Precision;

/**
 * What every re-ID {@code --mode} handler works with, built once by the command from its flags and
 * the run's record; each handler's own settings are its own fields.
 *
 * @param runDir LOG_DIR/RUN_ID
 * @param imageShape the crop shape the network was (or will be) trained on
 * @param network the network the run trains
 * @param bnNeck whether its recipe puts a BNNeck batch norm before the features
 * @param checkpointFinder {@code --restore_path}, else the run's latest checkpoint (a user error when none)
 * @param dataset opens {@code --dataset_dir} in the command's layout (a user error when not given)
 * @param batchSize crops per encoded batch ({@code --batch_size})
 * @param loaderThreads JPEG decoding threads
 * @param out results
 * @param err progress, notes and warnings
 */
record ReidRun(Path runDir, ImageShape imageShape, ReidNetwork network, boolean bnNeck, Supplier<Path> checkpointFinder, Supplier<ReidDataset> dataset,
    int batchSize, int loaderThreads, PrintWriter out, PrintWriter err) {
  /** The checkpoint prefix the mode works from. */
  Path checkpoint() {
    return checkpointFinder.get();
  }

  /** The network with the weights of {@link #checkpoint()}, taking {@code order} crops. */
  ReidEncoder encoder(ReidEncoder.ChannelOrder order, Precision precision) {
    return ReidEncoder.restore(checkpoint(), order, precision, imageShape, network, bnNeck);
  }
}
