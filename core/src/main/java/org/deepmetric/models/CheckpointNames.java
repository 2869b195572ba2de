package org.deepmetric.models;

/**
 * Whose variable names a written checkpoint uses, as {@code --checkpoint_names} spells it:
 * deepmetric's, or the original program's ({@link OriginalNames}), so the original code restores it.
 */
public enum CheckpointNames {
  DEEPMETRIC("deepmetric"),
  ORIGINAL("original");

  private final String flag;

  CheckpointNames(String flag) {
    this.flag = flag;
  }

  @Override
  public String toString() {
    return flag;
  }
}
