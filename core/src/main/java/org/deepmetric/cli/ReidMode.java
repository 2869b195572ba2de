package org.deepmetric.cli;

/** The re-ID commands' {@code --mode}, as the original spells it, and the handler that runs each. */
enum ReidMode {
  TRAIN("train", true),
  EVAL("eval", true),
  EXPORT("export", true),
  FREEZE("freeze", false),
  FINALIZE("finalize", false),
  SAVEDMODEL("savedmodel", false),
  ONNX("onnx", false);

  /** Runs one mode with the command's flags. */
  interface Handler {
    void run(ReidCommand command) throws InterruptedException;
  }

  private final String flag;
  private final boolean needsDataset;

  ReidMode(String flag, boolean needsDataset) {
    this.flag = flag;
    this.needsDataset = needsDataset;
  }

  boolean needsDataset() {
    return needsDataset;
  }

  Handler handler() {
    return switch (this) {
      case TRAIN -> new ReidTrainMode();
      case EVAL -> new ReidEvalMode();
      case EXPORT -> new ReidExportMode();
      case FREEZE -> new ReidFreezeMode();
      case FINALIZE -> new ReidFinalizeMode();
      case SAVEDMODEL -> new ReidSavedModelMode();
      case ONNX -> new ReidOnnxMode();
    };
  }

  @Override
  public String toString() {
    return flag;
  }
}
