package org.radassist.dicom.sr;

import java.util.List;

/**
 * One TID 1410 measurement group: a finding drawn as a closed region on one image, the probability
 * the algorithm gave it, and qualitative evaluations such as what the reader decided about it. A
 * region a reader drew personally has no probability and no algorithm.
 *
 * @param trackingId short human-readable identifier, unique in the report (e.g. "finding 1")
 * @param trackingUid UID that follows this finding across reports
 * @param finding what was found, coded
 * @param image the image the region is drawn on
 * @param region closed polyline as column,row pairs in image pixels, first point repeated last
 * @param probability the algorithm's probability for the finding, 0..1, or {@code null} for a
 *     reader's own region
 * @param evaluations qualitative evaluations, concept name and coded value
 * @param comment free text, or {@code null}
 * @param observer person whose evaluations these are, or {@code null} when none was recorded
 * @param algorithmName name of the algorithm that produced the finding, or {@code null}
 * @param algorithmVersion its version, or {@code null}
 */
public record RegionMeasurement(
    String trackingId,
    String trackingUid,
    Code finding,
    ImageReference image,
    float[] region,
    Double probability,
    List<Evaluation> evaluations,
    String comment,
    String observer,
    String algorithmName,
    String algorithmVersion) {

  /** One qualitative evaluation: a coded question and its coded answer. */
  public record Evaluation(Code concept, Code value) {}

  /** A rectangle of pixels {@code x..x+width-1}, {@code y..y+height-1} as a closed polyline. */
  public static float[] box(int x, int y, int width, int height) {
    float x0 = x;
    float y0 = y;
    float x1 = x + width;
    float y1 = y + height;
    return new float[] {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
  }
}
