package org.deepmetric.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepmetric.DeepMetricException;

/**
 * What a MOTChallenge sequence's {@code seqinfo.ini} says: frames per second (30 where it says
 * nothing, as the MOTChallenge tools assume) and the frame size in pixels (0 where unknown).
 */
public record SeqInfo(int frameRate, int width, int height) {
  public static final String FILE = "seqinfo.ini";
  /** What the MOTChallenge tools assume when a sequence states no frame rate. */
  public static final int DEFAULT_FRAME_RATE = 30;

  /** The sequence's seqinfo.ini, or the defaults where it has none. */
  public static SeqInfo read(Path sequenceDir) {
    Path info = sequenceDir.resolve(FILE);
    if (!Files.isRegularFile(info)) {
      return new SeqInfo(DEFAULT_FRAME_RATE, 0, 0);
    }
    try {
      String text = Files.readString(info);
      return new SeqInfo(value(text, "frameRate", DEFAULT_FRAME_RATE), value(text, "imWidth", 0), value(text, "imHeight", 0));
    } catch (IOException e) {
      throw new DeepMetricException(info + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static int value(String text, String key, int fallback) {
    Matcher m = Pattern.compile("(?m)^\\s*" + key + "\\s*=\\s*(\\d+)").matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : fallback;
  }
}
