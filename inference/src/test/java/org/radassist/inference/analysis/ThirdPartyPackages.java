package org.radassist.inference.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.testsupport.Externals;

/**
 * Assembles "bring your own model" packages in a temporary folder from the third-party TorchScript
 * fracture classifier in {@code ../shared}. Its AGPL licence allows it in tests only, so the card
 * lives here and the weights are never copied into the repository.
 */
final class ThirdPartyPackages {
  static final String SHARED_WEIGHTS =
      "models/fracture_yolov8n_cls/fracture_yolov8n_cls.torchscript.pt";

  private ThirdPartyPackages() {}

  static Path weights() {
    return Externals.shared(SHARED_WEIGHTS);
  }

  static ModelCard card(String sha, List<ModelCard.Label> labels, ModelCard.Outputs outputs) {
    return new ModelCard(
        "fracture-yolov8n-cls",
        "Fracture classifier (third-party test fixture)",
        "1.0.0",
        "classification-cam",
        "torchscript",
        new ModelCard.Weights("model.pt", sha),
        labels,
        new ModelCard.Input(
            224,
            224,
            3,
            "shorter-side-center-crop",
            "dicom-voi",
            true,
            255.0,
            new double[] {0, 0, 0},
            new double[] {1, 1, 1}),
        outputs,
        "Test fixture only; unreliable outside extremity radiographs.",
        "Public multi-region bone-fracture radiograph set (by its author).",
        Map.of("top1", 0.896),
        "AGPL-3.0 (tests only, never shipped)",
        null);
  }

  static List<ModelCard.Label> labels() {
    return List.of(
        new ModelCard.Label("fractured", LabelKind.FRACTURE, 0.5),
        new ModelCard.Label("normal", LabelKind.OTHER, 1.0));
  }

  /** The package as its author's outputs describe it: probabilities 0, class maps 2. */
  static ModelPackage withCams(Path dir) throws Exception {
    return assemble(dir, labels(), new ModelCard.Outputs(0, 2, null));
  }

  static ModelPackage assemble(Path dir, List<ModelCard.Label> labels, ModelCard.Outputs outputs)
      throws Exception {
    Path target = Files.createDirectories(dir).resolve("model.pt");
    if (!Files.exists(target)) {
      Files.copy(weights(), target);
    }
    write(dir, card(ModelPackage.sha256(target), labels, outputs));
    return ModelPackage.load(dir);
  }

  private static void write(Path dir, ModelCard card) throws IOException {
    card.write(dir.resolve(ModelCard.FILE_NAME));
  }
}
