package org.deepmetric.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.DeepMetricException;

/**
 * MOTChallenge's text files (det.txt, gt.txt, tracker results): one box per line,
 * {@code frame,id,x,y,w,h[,confidence[,class or x[,visibility or y[,z]]]]}, comma-separated
 * (spaces around commas allowed). Rows come back as doubles in file order; an error names the
 * file and line.
 */
public final class MotText {
  private MotText() {}

  public static List<double[]> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DeepMetricException(file + ": file not found");
    }
    List<String> lines;
    try {
      if (isNpy(file)) {
        throw new DeepMetricException(file + ": a NumPy .npy file; this wants MOTChallenge text, one box a line as"
            + " frame,id,x,y,w,h,... (what track writes with --output_file)");
      }
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new DeepMetricException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    List<double[]> rows = new ArrayList<>(lines.size());
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s*,\\s*");
      if (fields.length < 6) {
        throw new DeepMetricException(file + ":" + (n + 1) + ": expected frame,id,x,y,w,h,... got '" + line + "'");
      }
      double[] row = new double[fields.length];
      for (int i = 0; i < fields.length; i++) {
        try {
          row[i] = Double.parseDouble(fields[i]);
        } catch (NumberFormatException e) {
          throw new DeepMetricException(file + ":" + (n + 1) + ": '" + fields[i] + "' is not a number");
        }
        if (!Double.isFinite(row[i])) {
          throw new DeepMetricException(file + ":" + (n + 1) + ": '" + fields[i] + "' is not a finite number");
        }
      }
      if (row[0] < 1 || row[0] != Math.rint(row[0])) {
        throw new DeepMetricException(file + ":" + (n + 1) + ": frame numbers are whole and start at 1, got " + fields[0]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Whether the file starts with NumPy's magic string, \x93NUMPY. */
  private static boolean isNpy(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(6);
      return head.length == 6 && (head[0] & 0xff) == 0x93 && new String(head, 1, 5, StandardCharsets.US_ASCII)
          .equals("NUMPY");
    }
  }
}
