package org.deepmetric.cli;

/** The re-ID commands' {@code --mode}, as the original spells it. */
enum ReidMode {
  TRAIN("train", true),
  EVAL("eval", true),
  EXPORT("export", true),
  FREEZE("freeze", false),
  FINALIZE("finalize", false),
  SAVEDMODEL("savedmodel", false),
  ONNX("onnx", false);

  /** Runs one mode: its settings are the handler's fields, what all modes share is the {@link ReidRun}. */
  interface Handler {
    void run(ReidRun run) throws InterruptedException;
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

  @Override
  public String toString() {
    return flag;
  }
}
