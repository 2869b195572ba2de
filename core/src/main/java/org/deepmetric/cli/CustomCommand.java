package org.deepmetric.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deepmetric.data.reid.CustomDataset;
import org.deepmetric.data.reid.PersonImage;
import org.deepmetric.data.reid.ReidDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deepmetric custom}: the original's training and modes on a dataset of one's own. */
@Command(name = "custom", mixinStandardHelpOptions = true,
    header = "Train, evaluate, export and freeze the appearance model on your own dataset.",
    description = {
        "The cosine metric learning network on a dataset of your own: people, vehicles, animals, anything with "
            + "identities seen by one or more cameras. --dataset_dir is a folder with train/<identity>/, "
            + "query/<identity>/ and gallery/<identity>/ holding JPEG or PNG images of any size (the camera from "
            + "a c<N> in the file name or a <identity>/<camera>/ sub-folder, else unknown), or a .csv list with "
            + "the header path,identity,camera,split. Identity names map to labels, kept in the run folder "
            + "(identities.csv). The modes are those of market1501 and mars (see --mode)."})
final class CustomCommand extends ReidCommand {
  @Option(names = "--sdk_dir", paramLabel = "DIR",
      description = "export: where feat_query.mat and feat_test.mat go (default: the dataset's folder).")
  Path sdkDir;

  @Override
  String datasetName() {
    return "custom";
  }

  @Override
  int validationGalleries() {
    return 10;
  }

  @Override
  Map<Path, List<PersonImage>> exportTargets(ReidDataset data) {
    CustomDataset custom = (CustomDataset) data;
    Path dir = sdkDir != null ? sdkDir : Files.isDirectory(datasetDir) ? datasetDir : custom.root();
    return galleryAndQueryFiles(dir, custom.gallery(), custom.query());
  }

  @Override
  ReidDataset open(Path dir, boolean strict, Consumer<String> warn) {
    return CustomDataset.open(dir, strict, warn);
  }
}
