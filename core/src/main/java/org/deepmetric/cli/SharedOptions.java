package org.deepmetric.cli;

import java.nio.file.Path;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.LenetModel;
import org.deepmetric.nn.Precision;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Flag sets that several commands share, as picocli mixins: one spelling, one check, one help text. */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code --data_path}: an MNIST-format folder, or the bundled sample when the default has no files. */
  static final class DataPath {
    static final String DEFAULT = "./MNIST";

    @Option(names = "--data_path", paramLabel = "DIR", defaultValue = DEFAULT,
        description = "Folder with train/t10k idx-ubyte files, plain or .gz; without them there, the bundled"
            + " 10,000-digit sample (default: ${DEFAULT-VALUE}).")
    Path dataPath;
  }

  /** {@code --loader_threads}: JPEG decoding threads. */
  static final class LoaderThreads {
    @Option(names = "--loader_threads", defaultValue = "4", converter = Numbers.PositiveInt.class,
        description = "JPEG decoding threads (default: ${DEFAULT-VALUE}).")
    int loaderThreads;
  }

  /** {@code --restore_path}: a checkpoint prefix, one of its files, or a folder (its latest checkpoint). */
  static final class RestorePath {
    @Option(names = "--restore_path", paramLabel = "CKPT",
        description = "Checkpoint to start from: a prefix, one of its files, or a folder (its latest checkpoint).")
    Path restorePath;

    /** The checkpoint prefix {@code --restore_path} names, where the command cannot do without one. */
    Path required(CommandLine.Model.CommandSpec spec) {
      if (restorePath == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--restore_path=CKPT'");
      }
      return CheckpointStore.resolve(restorePath);
    }

    /** LeNet in float32 with the weights of the required checkpoint; notes go to stderr. */
    LenetModel lenet(CommandLine.Model.CommandSpec spec) {
      Path prefix = required(spec);
      LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 0);
      try {
        model.restore(prefix, note -> spec.commandLine().getErr().println("note: " + note));
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
      return model;
    }
  }

  /** {@code --batch_size}, with each command's own default (the field's initial value). */
  static final class BatchSize {
    @Option(names = "--batch_size", converter = Numbers.PositiveInt.class,
        description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    BatchSize() {}

    BatchSize(int defaultSize) {
      this.batchSize = defaultSize;
    }
  }
}
