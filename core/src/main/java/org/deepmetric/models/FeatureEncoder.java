package org.deepmetric.models;

import java.util.List;
import java.util.function.IntConsumer;
import org.deepmetric.data.FeatureMatrix;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.ImageShape;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidBatch;

/**
 * Something that turns person crops into appearance features: a checkpoint or a frozen graph.
 * Implementations encode one decoded batch; the batching over a whole list lives here, once.
 */
public interface FeatureEncoder extends AutoCloseable {
  /** Features [N, featureDim()] of a batch of RGB crops, row-major. */
  float[] encode(ReidBatch rgbCrops);

  int featureDim();

  /** The crop shape the encoder takes. */
  ImageShape inputShape();

  /** Features of every crop in {@code crops}, decoded by {@code loader} {@code batchSize} at a time. */
  default FeatureMatrix encode(List<PersonImage> crops, CropLoader loader, int batchSize) {
    return encode(crops, loader, batchSize, done -> { });
  }

  /** As {@link #encode(List, CropLoader, int)}, telling {@code progress} how many crops are done after each batch. */
  default FeatureMatrix encode(List<PersonImage> crops, CropLoader loader, int batchSize, IntConsumer progress) {
    int dim = featureDim();
    float[] all = new float[crops.size() * dim];
    for (int from = 0; from < crops.size(); from += batchSize) {
      List<PersonImage> slice = crops.subList(from, Math.min(crops.size(), from + batchSize));
      float[] batch = encode(loader.load(slice, null, inputShape()));
      System.arraycopy(batch, 0, all, from * dim, batch.length);
      progress.accept(from + slice.size());
    }
    return new FeatureMatrix(all, crops.size(), dim);
  }

  @Override
  void close();
}
