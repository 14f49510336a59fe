package org.radassist.inference.analysis;

import java.util.List;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.VoiLut;

/** One frame to analyse with the LUTs its file gives. */
public record AnalysisInput(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
  public AnalysisInput {
    voiLuts = List.copyOf(voiLuts);
  }
}
