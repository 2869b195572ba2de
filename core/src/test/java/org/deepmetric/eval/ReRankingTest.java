package org.deepmetric.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deepmetric.data.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * Against a known answer: the distances that an independent dense NumPy implementation of the
 * authors' algorithm gives on a small fixed case (scripts/rerank-reference.py wrote the file).
 */
class ReRankingTest {
  @Test
  void matchesTheDenseReferenceImplementation() throws IOException {
    List<float[]> features = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/rerank/case.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields[0].equals("#")) {
          continue;
        }
        float[] values = new float[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
          values[i - 1] = Float.parseFloat(fields[i]);
        }
        if (fields[0].equals("f")) {
          features.add(values);
        } else if (fields[0].equals("d")) {
          expected.add(values);
        }
      }
    }
    int queries = expected.size();
    FeatureMatrix query = matrix(features.subList(0, queries));
    FeatureMatrix gallery = matrix(features.subList(queries, features.size()));
    float[][] actual = new float[queries][];
    ReRanking.rerank(query, gallery, Metric.SQUARED_EUCLIDEAN, 6, 3, 0.3f, (q, row) -> actual[q] = row);
    for (int q = 0; q < queries; q++) {
      for (int g = 0; g < gallery.count(); g++) {
        assertEquals(expected.get(q)[g], actual[q][g], 2e-4, "query " + q + ", gallery " + g);
      }
    }
  }

  @Test
  void lambdaOneKeepsTheOriginalOrder() {
    FeatureMatrix query = matrix(List.of(new float[] {0, 0}));
    FeatureMatrix gallery = matrix(List.of(new float[] {3, 0}, new float[] {1, 0}, new float[] {2, 0}));
    float[][] row = new float[1][];
    ReRanking.rerank(query, gallery, Metric.SQUARED_EUCLIDEAN, 2, 1, 1f, (q, r) -> row[0] = r);
    assertEquals(1.0, row[0][0], 1e-6, "the farthest item has the row's maximum, normalised to 1");
    assertEquals(1.0 / 81, row[0][1], 1e-6);
    assertEquals(16.0 / 81, row[0][2], 1e-6);
  }

  static FeatureMatrix matrix(List<float[]> rows) {
    int dim = rows.get(0).length;
    float[] values = new float[rows.size() * dim];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, values, i * dim, dim);
    }
    return new FeatureMatrix(values, rows.size(), dim);
  }
}
