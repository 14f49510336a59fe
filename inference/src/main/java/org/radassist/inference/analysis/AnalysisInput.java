package org.radassist.inference.analysis;

import java.util.List;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.image.DisplayShutter;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

/**
 * One frame to analyse with the LUTs its file gives, and its display shutter (null: the whole frame
 * shows), whose collimated border takes no part in a window the model's card asks to be made from
 * the pixels.
 */
public record AnalysisInput(
    Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts, DisplayShutter shutter) {
  public AnalysisInput {
    voiLuts = List.copyOf(voiLuts);
  }

  public AnalysisInput(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
    this(frame, modalityLut, voiLuts, null);
  }

  /**
   * Decodes frame {@code index} of {@code image} for a model, as the reader sees it: with its
   * Presentation LUT Shape, and with its VOI transforms (windows, then VOI LUT tables) for a card
   * whose windowing is {@code dicom-voi}. A PALETTE COLOR frame holds indices, not intensities, so
   * it goes through its palette to the RGB a viewer shows (an ultrasound or nuclear medicine image
   * the reader sees in colour); without a usable palette it is refused.
   */
  public static AnalysisInput of(DicomImage image, int index) throws DicomException {
    Frame frame = image.displayed(image.frame(index));
    if (frame.photometric() == Photometric.PALETTE_COLOR) {
      frame =
          image
              .palette()
              .orElseThrow(
                  () ->
                      new DicomException(
                          image.path(), "PALETTE COLOR image has no usable palette to analyse"))
              .toRgb8(frame);
    }
    return new AnalysisInput(
        frame, image.modalityLut(), image.voiLuts(), image.shutter().orElse(null));
  }
}
