package org.deepmetric.models;

import java.util.List;
import org.deepmetric.data.reid.CropLoader;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.eval.FeatureMatrix;

/** Something that turns person crops into appearance features: a checkpoint or a frozen graph. */
public interface FeatureEncoder extends AutoCloseable {
  FeatureMatrix encode(List<PersonImage> crops, CropLoader loader, int batchSize);

  @Override
  void close();
}
