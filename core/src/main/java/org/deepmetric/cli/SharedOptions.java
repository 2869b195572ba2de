package org.deepmetric.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.deepmetric.flags.Numbers;
import org.deepmetric.io.CheckpointStore;
import org.deepmetric.models.CheckpointNames;
import org.deepmetric.models.LenetModel;
import org.deepmetric.nn.CpuFeatures;
import org.deepmetric.nn.Precision;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--restore_path", paramLabel = "CKPT",
        description = "Checkpoint to start from: a prefix, one of its files, or a folder (its latest checkpoint).")
    Path restorePath;

    /** The checkpoint prefix {@code --restore_path} names, where the command cannot do without one. */
    Path required() {
      if (restorePath == null) {
        throw new CommandLine.ParameterException(mixee.commandLine(), "Missing required option: '--restore_path=CKPT'");
      }
      return CheckpointStore.resolve(restorePath);
    }

    /** LeNet in float32 with the weights of the required checkpoint; notes go to stderr. */
    LenetModel lenet() {
      Path prefix = required();
      LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 0);
      try {
        model.restore(prefix, note -> mixee.commandLine().getErr().println("note: " + note));
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

  /** {@code --seed}: one seed for everything random in a run. */
  static final class Seed {
    @Option(names = "--seed", defaultValue = "1",
        description = "Seed for initial weights, batch order, flips and augmentation, or the data synth draws"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;
  }

  /** {@code --precision_mode}, and the fallback to fp32 where the CPU cannot run bfloat16. */
  static final class PrecisionOption {
    @Option(names = "--precision_mode", defaultValue = "fp32", description = {
        "${COMPLETION-CANDIDATES}. bf16: convolutions and matrix products in bfloat16 over float32 weights, for CPUs",
        "with avx512_bf16 or amx_bf16 (elsewhere fp32, with a note); a frozen bf16 graph needs TensorFlow 2.x. The",
        "LeNet seed's Ascend NPU modes are accepted and run in fp32 (default: ${DEFAULT-VALUE})."})
    PrecisionMode mode;

    /** The precision that will run, after a note for an NPU mode or a CPU without bfloat16. */
    Precision effective(PrintWriter err) {
      mode.note().ifPresent(note -> err.println("note: " + note));
      return CpuFeatures.effective(mode.precision(), CpuFeatures.flags(), note -> err.println("note: " + note));
    }
  }

  /** {@code --checkpoint_names}: whose variable names written checkpoints carry. */
  static final class CheckpointNamesOption {
    @Option(names = "--checkpoint_names", defaultValue = "deepmetric",
        description = "${COMPLETION-CANDIDATES}: deepmetric's variable names, or the original program's (LeNet:"
            + " layer_1/weights, fc_1/weight, ..., Adam slots; re-ID: conv1_1/weights, conv1_1/conv1_1/bn/beta, ...),"
            + " so its own code restores the checkpoint; --restore_path reads either (default: ${DEFAULT-VALUE}).")
    CheckpointNames names;
  }

  /** {@code --output}: the one file or folder an export writes; each command names its default. */
  static final class Output {
    @Option(names = "--output", paramLabel = "PATH",
        description = "Where to write (default: the name the command's description gives).")
    Path output;

    /** {@code --output}, or {@code fallback}. */
    Path or(Path fallback) {
      return output != null ? output : fallback;
    }
  }

  /** {@code --quantize}, {@code --force}: an int8 ONNX model instead of a float32 one. */
  static final class Quantize {
    @Option(names = "--quantize", paramLabel = "int8", description = "int8: write a QDQ int8 model (int8 weights per"
        + " output channel, uint8 activations with ranges calibrated on real inputs, min-max or percentile, whichever"
        + " agrees better with float32 on held-out inputs) that ONNX Runtime runs with its integer kernels; the"
        + " agreement is printed, and a model whose worst held-out output has cosine under 0.98 to float32 is refused"
        + " unless --force.")
    String quantize;

    @Option(names = "--force", description = "--quantize: write the int8 model even when it fails the accuracy gate.")
    boolean force;

    /**
     * Whether int8 was asked for. Any other --quantize value is a usage error, and so is --force or
     * another flag of the command's that only goes with --quantize ({@code companionGiven}) without
     * it: {@code companionError} says which.
     */
    boolean int8(CommandLine command, String companionError, boolean companionGiven) {
      if (quantize == null) {
        if (force || companionGiven) {
          throw new CommandLine.ParameterException(command, companionError);
        }
        return false;
      }
      if (!quantize.equalsIgnoreCase("int8")) {
        throw new CommandLine.ParameterException(command, "--quantize takes int8, not '" + quantize + "'");
      }
      return true;
    }
  }
}
