package org.deepmetric.infer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVFormat;
import org.deepmetric.io.AtomicFiles;
import java.io.OutputStreamWriter;

/** Class probabilities for a list of inputs, with the time they took. */
public record Predictions(List<DigitInput> inputs, float[] probabilities, int numClasses, double millisPerImage) {
  public int predicted(int index) {
    return argmax(probabilities, index, numClasses);
  }

  /** The class with the largest score in row {@code row} of {@code scores} [rows, numClasses]; the first on ties. */
  public static int argmax(float[] scores, int row, int numClasses) {
    int offset = row * numClasses;
    int best = 0;
    for (int c = 1; c < numClasses; c++) {
      if (scores[offset + c] > scores[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  public int labelledCount() {
    return (int) inputs.stream().filter(DigitInput::hasLabel).count();
  }

  /** The fraction of labelled inputs predicted right; empty when none has a label. */
  public OptionalDouble accuracy() {
    int labelled = 0;
    int correct = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).hasLabel()) {
        labelled++;
        correct += predicted(i) == inputs.get(i).label() ? 1 : 0;
      }
    }
    return labelled == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) correct / labelled);
  }

  /** Writes {@code file,prediction,confidence,label,p0..p9}; label is empty when unknown. */
  public void writeCsv(Path csv) {
    AtomicFiles.write(csv, out -> {
      PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      StringBuilder header = new StringBuilder("file,prediction,confidence,label");
      for (int c = 0; c < numClasses; c++) {
        header.append(",p").append(c);
      }
      writer.println(header);
      for (int i = 0; i < inputs.size(); i++) {
        DigitInput input = inputs.get(i);
        int predicted = predicted(i);
        StringBuilder row = new StringBuilder(CSVFormat.DEFAULT.format(input.name())).append(',').append(predicted).append(',')
            .append(format(probabilities[i * numClasses + predicted])).append(',')
            .append(input.hasLabel() ? String.valueOf(input.label()) : "");
        for (int c = 0; c < numClasses; c++) {
          row.append(',').append(format(probabilities[i * numClasses + c]));
        }
        writer.println(row);
      }
      writer.flush();
    });
  }

  private static String format(float value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }

}
