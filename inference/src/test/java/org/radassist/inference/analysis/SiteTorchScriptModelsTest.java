package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.radassist.inference.model.OutputRef;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.preprocess.PreprocessedImage;
import org.radassist.inference.preprocess.Preprocessor;

/**
 * "Bring your own model" with TorchScript classifiers shaped the ways sites' own models are, made
 * here by python3-torch with seeded random weights: each must open, give the probabilities
 * python3-torch gives on the same tensor, and get a heatmap; a card that does not fit its model is
 * refused in one line that says why.
 */
class SiteTorchScriptModelsTest {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 64;
  private static final String MODELS =
      String.join(
          "\n",
          "import json, sys, torch",
          "import torch.nn as nn, torch.nn.functional as F",
          "from typing import Dict",
          "torch.manual_seed(7)",
          "kind, out, h, w = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])",
          "class Features(nn.Module):",
          "    def __init__(self):",
          "        super().__init__()",
          "        self.a = nn.Conv2d(1, 8, 3, stride=2, padding=1)",
          "        self.b = nn.Conv2d(8, 16, 3, stride=2, padding=1)",
          "    def forward(self, x):",
          "        return F.relu(self.b(F.relu(self.a(x))))",
          "class Logits14(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.fc = nn.Linear(16, 14)",
          // Biases far from 0: a blank input's logits then fall outside [0, 1].
          "        self.fc.bias.data = torch.linspace(-3, 3, 14)",
          "    def forward(self, x):",
          "        return self.fc(self.f(x).mean(dim=(2, 3)))",
          "class ConvHead(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.head = nn.Conv2d(16, 3, 1)",
          "    def forward(self, x):",
          "        return torch.sigmoid(self.head(F.adaptive_avg_pool2d(self.f(x), 1)))",
          "class Squeezed(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.fc = nn.Linear(16, 3)",
          "    def forward(self, x):",
          "        return torch.sigmoid(self.fc(self.f(x).mean(dim=(2, 3)))).squeeze(0)",
          "class OneLabelSqueezed(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.fc = nn.Linear(16, 1)",
          "    def forward(self, x):",
          "        return torch.sigmoid(self.fc(self.f(x).mean(dim=(2, 3)))).squeeze()",
          "class LogitsAndMaps(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.head = nn.Conv2d(16, 3, 1)",
          "        self.head.bias.data = torch.tensor([-3.0, 0.5, 3.0])",
          "    def forward(self, x):",
          "        maps = self.head(self.f(x))",
          "        return maps.mean(dim=(2, 3)), maps",
          "class FlattenedAtBatchOne(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features()",
          "        self.fc = nn.Linear(16 * ((h + 3) // 4) * ((w + 3) // 4), 3)",
          "    def forward(self, x):",
          "        return torch.sigmoid(self.fc(self.f(x).reshape(1, -1)))",
          "class TransposedMaps(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.head = nn.Conv2d(16, 3, 1)",
          "    def forward(self, x):",
          "        maps = torch.sigmoid(self.head(self.f(x)))",
          "        return maps.mean(dim=(2, 3)), maps.transpose(2, 3)",
          "class Named(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.fc = nn.Linear(16, 3)",
          "    def forward(self, x) -> Dict[str, torch.Tensor]:",
          "        p = torch.sigmoid(self.fc(self.f(x).mean(dim=(2, 3))))",
          "        return {'cls': p, 'aux': 1 - p}",
          "class Detached(nn.Module):",
          "    def __init__(self):",
          "        super().__init__(); self.f = Features(); self.fc = nn.Linear(16, 3)",
          "    def forward(self, x):",
          "        return torch.sigmoid(self.fc(self.f(x).mean(dim=(2, 3)))).detach()",
          // Fine on a blank and on a banded input; on a hard checkerboard it breaks down (NaN) or
          // gives raw scores, as a site's model might on a film unlike its training data.
          "class Unstable(nn.Module):",
          "    def __init__(self, bad):",
          "        super().__init__(); self.f = Features(); self.fc = nn.Linear(16, 3)",
          "        self.bad = bad",
          "    def forward(self, x):",
          "        p = torch.sigmoid(self.fc(self.f(x).mean(dim=(2, 3))))",
          "        return torch.where(x.std() > 0.4, torch.full_like(p, self.bad), p)",
          "m = {'logits14': Logits14, 'conv-head': ConvHead, 'squeezed': Squeezed,",
          "     'one-label': OneLabelSqueezed, 'logits-and-maps': LogitsAndMaps,",
          "     'batch-one': FlattenedAtBatchOne, 'named': Named, 'detached': Detached,",
          "     'transposed': TransposedMaps, 'nan': lambda: Unstable(float('nan')),",
          "     'above-one': lambda: Unstable(2.5)}[kind]().eval()",
          "if kind in ('squeezed', 'one-label', 'named'):",
          "    ts = torch.jit.script(m)",
          "else:",
          "    with torch.no_grad():",
          "        ts = torch.jit.trace(m, torch.rand(1, 1, h, w))",
          "ts.save(out)",
          "print(json.dumps({'saved': out}))");
  private static final String REFERENCE =
      String.join(
          "\n",
          "import json, sys, numpy, torch",
          "m = torch.jit.load(sys.argv[1], map_location='cpu').eval()",
          "x = torch.from_numpy(numpy.fromfile(sys.argv[2], dtype='<f4')"
              + ".reshape(1, 1, int(sys.argv[3]), int(sys.argv[4])))",
          "with torch.no_grad():",
          "    y = m(x)",
          "y = y['cls'] if isinstance(y, dict) else y",
          "y = (y[0] if isinstance(y, tuple) else y).flatten()",
          "if sys.argv[5] == 'sigmoid':",
          "    y = torch.sigmoid(y)",
          "print(json.dumps({'probs': y.tolist()}))");

  @TempDir static Path dir;

  @Test
  void aLogitsOutputWithItsActivationOnTheCardGivesPythonsProbabilities() throws Exception {
    List<ModelCard.Label> labels =
        IntStream.range(0, 14)
            .mapToObj(i -> new ModelCard.Label("finding" + i, LabelKind.OTHER, 0.5))
            .toList();
    ModelPackage withoutActivation =
        assemble("logits14", "logits-plain", labels, new ModelCard.Outputs(0, null, null), 1);
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> Analyzer.open(withoutActivation, cpu()));
    assertTrue(
        e.getMessage()
            .contains("(if it gives logits, set outputs.activation to sigmoid or softmax)"),
        e.getMessage());

    assertBothLogitsHeatmapsMatchPython(
        assemble("logits14", "logits", labels, new ModelCard.Outputs(0, null, "sigmoid"), 1),
        "sigmoid");
  }

  @Test
  void aMapNetworkReturningLogitsBesideItsMapsIsReadThroughTheCardsActivation() throws Exception {
    ModelPackage withoutActivation =
        assemble("logits-and-maps", "maps-plain", three(), new ModelCard.Outputs(0, 1, null), 1);
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> Analyzer.open(withoutActivation, cpu()));
    assertTrue(e.getMessage().contains("set outputs.activation to sigmoid"), e.getMessage());

    ModelPackage pkg =
        assemble("logits-and-maps", "maps", three(), new ModelCard.Outputs(0, 1, "sigmoid"), 1);
    assertMatchesPython(pkg, "sigmoid", Heatmap.Method.CAM);
  }

  @Test
  void outputsThatDifferFromBatchByLabelsOnlyByAxesOfLengthOneAreRead() throws Exception {
    for (String kind : List.of("conv-head", "squeezed", "one-label")) {
      List<ModelCard.Label> labels = kind.equals("one-label") ? three().subList(0, 1) : three();
      assertBothLogitsHeatmapsMatchPython(
          assemble(kind, kind, labels, new ModelCard.Outputs(0, null, null), 1), "none");
    }
  }

  @Test
  void aModelTracedForOneImageAtATimeGetsOcclusionAndGradientHeatmaps() throws Exception {
    assertBothLogitsHeatmapsMatchPython(
        assemble("batch-one", "batch-one", three(), new ModelCard.Outputs(0, null, null), 1),
        "none");
  }

  @Test
  void aDictsEntriesAreNamedByKeyBecauseTheirOrderIsLostOnTheWayToJava() throws Exception {
    ModelPackage byIndex =
        assemble("named", "named-by-index", three(), new ModelCard.Outputs(0, null, null), 1);
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> Analyzer.open(byIndex, cpu()));
    assertTrue(e.getMessage().contains("name its entries by key, as in"), e.getMessage());
    assertTrue(e.getMessage().contains("cls"), e.getMessage());

    ModelCard.Outputs byKey = new ModelCard.Outputs(OutputRef.named("cls"), null, null, null);
    assertBothLogitsHeatmapsMatchPython(assemble("named", "named", three(), byKey, 1), "none");

    ModelCard.Outputs wrongKey = new ModelCard.Outputs(OutputRef.named("probs"), null, null, null);
    ModelPackage wrong = assemble("named", "named-wrong", three(), wrongKey, 1);
    e = assertThrows(ModelPackageException.class, () -> Analyzer.open(wrong, cpu()));
    assertTrue(e.getMessage().contains("names output \"probs\" but the model returns a dict of"));
  }

  @Test
  void mapsWithWidthAndHeightSwappedAreRefused() throws Exception {
    ModelPackage pkg =
        assemble("transposed", "transposed", three(), new ModelCard.Outputs(0, 1, null), 1);
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> Analyzer.open(pkg, cpu()));
    assertTrue(
        e.getMessage().contains("cams output has shape [1, 3, 24, 16], taller than wide"),
        e.getMessage());
  }

  @Test
  void aModelThatCannotBeDifferentiatedGetsOcclusionHeatmapsInsteadOfFailingEveryImage()
      throws Exception {
    ModelPackage pkg =
        assemble("detached", "detached", three(), new ModelCard.Outputs(0, null, null), 1);
    try (Analyzer a = Analyzer.open(pkg, cpu().withLogitsHeatmap(Heatmap.Method.GRADIENT))) {
      Prediction p =
          a.analyze(new Phantom(150, 120).render(3).frame(), ModalityLut.identity(), List.of());
      assertEquals(Heatmap.Method.OCCLUSION, p.heatmaps().get(0).method());
    }
  }

  @Test
  void anImageWhoseOutputIsNoProbabilityFailsWithTheReasonInsteadOfGivingAScore() throws Exception {
    int[] board = new int[WIDTH * HEIGHT];
    for (int i = 0; i < board.length; i++) {
      board[i] = ((i % WIDTH) / 4 + (i / WIDTH) / 4) % 2 == 0 ? 0 : 4095;
    }
    Frame checkerboard = new Frame(HEIGHT, WIDTH, 1, Photometric.MONOCHROME2, 12, false, board);
    Frame phantom = new Phantom(150, 120).render(3).frame();
    Map<String, String> reasons =
        Map.of(
            "nan", "gave label nodule no number (NaN) for this image",
            "above-one", "gave label nodule 2.5, not a probability in [0, 1] (if it gives logits");
    for (Map.Entry<String, String> kind : reasons.entrySet()) {
      ModelPackage pkg =
          assemble(kind.getKey(), kind.getKey(), three(), new ModelCard.Outputs(0, null, null), 1);
      try (Analyzer a = Analyzer.open(pkg, cpu())) {
        assertTrue(a.analyze(phantom, ModalityLut.identity(), List.of()).labels().size() == 3);
        AnalysisException e =
            assertThrows(
                AnalysisException.class,
                () -> a.analyze(checkerboard, ModalityLut.identity(), List.of()));
        assertTrue(e.getMessage().contains(kind.getValue()), e.getMessage());
      }
    }
  }

  @Test
  void aCardWhoseInputDoesNotFitTheModelIsRefusedInOneLineNamingTheCardFields() throws Exception {
    ModelPackage pkg =
        assemble("batch-one", "three-channels", three(), new ModelCard.Outputs(0, null, null), 3);
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> Analyzer.open(pkg, cpu()));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "a test run on the card's input (input.width 96, input.height 64, input.channels"
                    + " 3) failed: Given groups=1, weight of size [8, 1, 3, 3], expected"
                    + " input[1, 3, 64, 96] to have 1 channels"),
        e.getMessage());
  }

  private static void assertBothLogitsHeatmapsMatchPython(ModelPackage pkg, String activation)
      throws Exception {
    assertMatchesPython(pkg, activation, Heatmap.Method.OCCLUSION);
    assertMatchesPython(pkg, activation, Heatmap.Method.GRADIENT);
  }

  private static void assertMatchesPython(
      ModelPackage pkg, String activation, Heatmap.Method method) throws Exception {
    Frame frame = new Phantom(150, 120).render(3).frame();
    PreprocessedImage img =
        new Preprocessor(pkg.card().input()).apply(frame, ModalityLut.identity(), List.of());
    JsonNode ref =
        PythonTorchScripts.run(
            dir,
            REFERENCE,
            pkg.weightsFile().toString(),
            PythonTorchScripts.tensorFile(dir, img.tensor()).toString(),
            Integer.toString(HEIGHT),
            Integer.toString(WIDTH),
            activation);
    AnalyzerOptions options =
        method == Heatmap.Method.CAM ? cpu() : cpu().withLogitsHeatmap(method);
    try (Analyzer a = Analyzer.open(pkg, options)) {
      Prediction p = a.analyze(frame, ModalityLut.identity(), List.of());
      List<ModelCard.Label> labels = pkg.card().labels();
      assertEquals(labels.size(), ref.get("probs").size());
      for (int l = 0; l < labels.size(); l++) {
        assertEquals(
            ref.get("probs").get(l).asDouble(),
            p.labels().get(l).probability(),
            1e-5,
            pkg.card().id() + " label " + l);
      }
      String first = labels.get(0).name();
      Heatmap map = p.heatmap(first).orElseThrow();
      assertEquals(method, map.method());
      assertEquals(frame.columns(), map.width());
      assertEquals(frame.rows(), map.height());
      double prob = p.label(first).orElseThrow().probability();
      // Occlusion and gradient maps peak at the probability; a CAM cell may exceed the mean.
      double peak = method == Heatmap.Method.CAM ? 1 : prob;
      assertTrue(map.max() > 0 && map.max() <= peak + 1e-6, map.max() + " vs " + prob);
    }
  }

  private static AnalyzerOptions cpu() {
    return AnalyzerOptions.defaults(DeviceChoice.CPU).withWorkers(1);
  }

  private static List<ModelCard.Label> three() {
    return List.of(
        new ModelCard.Label("nodule", LabelKind.TUMOR, 0.5),
        new ModelCard.Label("fracture", LabelKind.FRACTURE, 0.5),
        new ModelCard.Label("effusion", LabelKind.OTHER, 0.5));
  }

  /** Makes the {@code kind} model with python3-torch and packages it with a card. */
  private static ModelPackage assemble(
      String kind,
      String name,
      List<ModelCard.Label> labels,
      ModelCard.Outputs outputs,
      int channels)
      throws Exception {
    Path pkg = Files.createDirectories(dir.resolve(name));
    Path weights = pkg.resolve("model.pt");
    PythonTorchScripts.run(
        dir, MODELS, kind, weights.toString(), Integer.toString(HEIGHT), Integer.toString(WIDTH));
    double[] zeros = new double[channels];
    double[] ones = new double[channels];
    Arrays.fill(ones, 1);
    new ModelCard(
            name,
            "Site model " + kind,
            "0.1.0",
            ModelCard.TASK_CLASSIFICATION_CAM,
            ModelCard.FORMAT_TORCHSCRIPT,
            new ModelCard.Weights("model.pt", ModelPackage.sha256(weights)),
            labels,
            new ModelCard.Input(
                WIDTH, HEIGHT, channels, "letterbox", "dicom-voi", true, 255.0, zeros, ones),
            outputs,
            "Test fixture with random weights.",
            "None: seeded random weights.",
            Map.of(),
            "CC0",
            null)
        .write(pkg.resolve(ModelCard.FILE_NAME));
    return ModelPackage.load(pkg);
  }
}
