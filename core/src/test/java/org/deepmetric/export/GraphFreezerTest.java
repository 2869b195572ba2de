package org.deepmetric.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepmetric.data.DigitBatch;
import org.deepmetric.data.MnistDataset;
import org.deepmetric.data.ShuffledBatches;
import org.deepmetric.infer.FrozenGraph;
import org.deepmetric.io.AtomicFiles;
import org.deepmetric.models.LenetModel;
import org.deepmetric.nn.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

class GraphFreezerTest {
  @TempDir
  static Path dir;

  static DigitBatch probe;
  static float[] sessionPredictions;
  static GraphDef frozen;
  static Path pb;

  @BeforeAll
  static void trainAndFreeze() {
    MnistDataset data = MnistDataset.bundledSample();
    probe = DigitBatch.of(data.test(), 0, 200);
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 3)) {
      ShuffledBatches batches = new ShuffledBatches(data.train(), 64, 3);
      for (int i = 0; i < 100; i++) {
        model.trainStep(batches.get());
      }
      sessionPredictions = model.probabilities(probe);
      frozen = GraphFreezer.freeze(model.graph(), model.session(), List.of(LenetModel.LOGITS, LenetModel.PROBABILITIES));
    }
    pb = dir.resolve("LeNet_frozen_graph.pb");
    AtomicFiles.write(pb, frozen.toByteArray());
  }

  @Test
  void theFrozenGraphPredictsWhatTheTrainingSessionDid() {
    try (FrozenGraph graph = FrozenGraph.load(pb)) {
      float[] frozenPredictions = graph.run("input_image", probe.images(), Shape.of(probe.size(), 784), "probabilities");
      assertArrayEquals(sessionPredictions, frozenPredictions, 1e-6f);
    }
  }

  @Test
  void holdsOnlyInferenceOpsAndNoVariables() {
    Set<String> ops = frozen.getNodeList().stream().map(NodeDef::getOp).collect(Collectors.toSet());
    assertTrue(ops.contains("Const") && ops.contains("MaxPool") && ops.contains("Conv2D"), ops.toString());
    for (String absent : List.of("VariableV2", "Assign", "ApplyAdam", "MaxPoolV2", "SoftmaxCrossEntropyWithLogits")) {
      assertTrue(!ops.contains(absent), absent + " in " + ops);
    }
    NodeDef input = frozen.getNodeList().stream().filter(n -> n.getName().equals("input_image")).findFirst().orElseThrow();
    assertEquals("Placeholder", input.getOp());
    assertEquals(List.of(-1L, 784L), input.getAttrOrThrow("shape").getShape().getDimList().stream()
        .map(d -> d.getSize()).toList());
  }

  @Test
  void importsUnderAPrefixToo() {
    try (Graph graph = new Graph()) {
      graph.importGraphDef(frozen, "net");
      try (Session session = new Session(graph);
           TFloat32 x = TFloat32.tensorOf(Shape.of(probe.size(), 784), DataBuffers.of(probe.images(), true, false));
           Result result = session.runner().feed("net/input_image", x).fetch("net/probabilities").run()) {
        float[] out = new float[probe.size() * 10];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
        assertArrayEquals(sessionPredictions, out, 1e-6f);
      }
    }
  }

  @Test
  void anUnknownOutputIsRejected() {
    try (LenetModel model = LenetModel.create(Precision.FP32, 1e-3f, 3)) {
      assertThrows(IllegalArgumentException.class,
          () -> GraphFreezer.freeze(model.graph(), model.session(), List.of("no_such_node")));
    }
  }
}
