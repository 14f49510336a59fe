package org.radassist.inference.analysis;

import java.util.List;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;

/**
 * The whole pipeline in a fresh JVM, started by {@link OfflinePipelineTest} with every proxy
 * pointed at a socket that records connection attempts. Nothing sets {@code ai.djl.offline} here:
 * the product's own defaults must keep it offline.
 */
public final class OfflinePipelineMain {
  private OfflinePipelineMain() {}

  public static void main(String[] args) throws Exception {
    PhantomImage img = new Phantom(384, 384).render(99, true);
    try (Analyzer analyzer = Analyzer.open(DemoModel.load())) {
      Prediction p = analyzer.analyze(img.frame(), ModalityLut.identity(), List.of());
      System.out.println(
          "PIPELINE-OK offline="
              + System.getProperty("ai.djl.offline")
              + " probability="
              + p.labels().get(0).probability()
              + " findings="
              + p.findings().size());
    }
  }
}
