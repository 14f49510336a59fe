package org.radassist.inference.dataset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.demo.CropTraining;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.network.CamNet;

/** The built-in chest model: nodules and masses simulated on real frontal chest films. */
public final class TumourRecipe implements Recipe {
  public static final String ID = "chest-tumour-camnet";
  public static final String LABEL = "nodule-mass";

  @Override
  public String category() {
    return "chest";
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        ID,
        "Lung nodule / mass detector (demonstration)",
        "1.6.0",
        ModelCard.TASK_CLASSIFICATION_CAM,
        ModelCard.FORMAT_DJL,
        new ModelCard.Weights(LesionModelTrainer.WEIGHTS_FILE, "0".repeat(64)),
        List.of(new ModelCard.Label(LABEL, LabelKind.TUMOR, 0.5)),
        new ModelCard.Input(
            256,
            256,
            1,
            "letterbox",
            "percentile",
            true,
            255.0,
            new double[] {0.5},
            new double[] {0.25}),
        new ModelCard.Outputs(CamNet.PROBABILITIES_OUTPUT, CamNet.CAMS_OUTPUT, "sigmoid", "max"),
        "Demonstration only, not for diagnosis. Finds round opacities (nodules 8-30 mm, masses"
            + " 30-55 mm) that RadAssist's own simulator planted into real frontal chest films, and"
            + " the nodule of the built-in phantom study. It has never seen a real tumour and says"
            + " nothing about real patients. It misses faint opacities most: on ten lesions planted"
            + " afresh into each validation film, its AUROC is 0.85 for the faintest quarter and"
            + " 0.97 for the densest.",
        "Training split (by image sha256, 70 %) of the frontal chest films in the shared corpus"
            + " (NIH ChestX-ray14, COVID-19 image collections; labels no_finding, covid-19,"
            + " pneumonia, ...), reduced to 512 px on the long side, each crop either as it is or"
            + " with one nodule or mass planted by org.radassist.inference.dataset.NoduleSimulator;"
            + " 15 % of crops come from rendered phantoms (org.radassist.inference.phantom.Phantom);"
            + " from epoch 40, half the clean crops from films are centred where the model then"
            + " responded most (hard negative mining). Three networks are trained on this recipe"
            + " apart, from seeds 20261208, 20261209 and 20261210, and their maps are averaged."
            + " Films keep their own licences and are not shipped.",
        Map.of(),
        "Apache-2.0 (weights trained by the RadAssist project); training films under their"
            + " sources' licences",
        // Draws of this recipe differ by a few validation films each; their mean map keeps what
        // they agree on (validation AUROC 0.911-0.923 alone, 0.934 together).
        new ModelCard.Architecture(CamNet.NAME, List.of(32, 48, 80, 128), List.of(1, 2, 2, 2))
            .withMembers(3),
        List.of("CHEST", "LUNG", "THORAX", "RIB"));
  }

  @Override
  public String normalLabel() {
    return "no_finding";
  }

  @Override
  public int filmLongSide() {
    return 512;
  }

  @Override
  public CropTraining.Plan plan() {
    return new CropTraining.Plan(96, 2048, 100, 32, 2e-3f, 20261208L);
  }

  @Override
  public PlantedFilm plant(Frame film, SplittableRandom r) {
    return NoduleSimulator.plant(film, r);
  }

  /** Most clean crops come from where lesions are planted: lung, over ribs, behind the heart. */
  @Override
  public Optional<double[]> negativeFocus(Frame film, SplittableRandom r) {
    return r.nextDouble() < 0.7 ? Optional.of(NoduleSimulator.site(film, r)) : Optional.empty();
  }

  @Override
  public double phantomShare() {
    return 0.15;
  }

  /**
   * Half the real-film negatives from epoch 40 on sit where the model last fired most on a clean
   * film: a film is scored by its strongest response anywhere, and a random clean crop seldom lands
   * on the spot of a film that looks most like a nodule.
   */
  @Override
  public Optional<Mining> mining() {
    return Optional.of(new Mining(40, 10, 0.5, 3));
  }
}
