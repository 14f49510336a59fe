package org.radassist.app.core;

import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.analysis.AnalysisInput;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.Prediction;

/**
 * The result of analysing one frame of one image, with the time its decoding took and why its model
 * was the one chosen.
 */
public record ImageAnalysis(
    DicomImage image,
    int frameIndex,
    Frame frame,
    Prediction prediction,
    double decodeMs,
    String modelReason) {

  /** Decodes the frame and runs the analyzer on it. */
  public static ImageAnalysis run(
      Analyzer analyzer, DicomImage image, int frameIndex, String modelReason)
      throws DicomException {
    long start = System.nanoTime();
    AnalysisInput input = AnalysisInput.of(image, frameIndex);
    double decodeMs = (System.nanoTime() - start) / 1e6;
    Prediction prediction = analyzer.analyze(input);
    return new ImageAnalysis(image, frameIndex, input.frame(), prediction, decodeMs, modelReason);
  }

  public double totalMs() {
    return decodeMs + prediction.timings().totalMs();
  }
}
