package org.radassist.dicom.codec.j2k;

/**
 * Inverse multiple-component transforms (T.800 Annex G): the reversible RCT in integers and the
 * irreversible ICT in float with OpenJPEG's coefficients, so that rounding matches GDCM.
 */
final class ComponentTransform {
  private ComponentTransform() {}

  static void inverseRct(int[] y, int[] cb, int[] cr) {
    for (int i = 0; i < y.length; i++) {
      int g = y[i] - ((cb[i] + cr[i]) >> 2);
      int r = cr[i] + g;
      int b = cb[i] + g;
      y[i] = r;
      cb[i] = g;
      cr[i] = b;
    }
  }

  static void inverseIct(float[] y, float[] cb, float[] cr) {
    for (int i = 0; i < y.length; i++) {
      float l = y[i];
      float u = cb[i];
      float v = cr[i];
      y[i] = l + v * 1.402f;
      cb[i] = l - u * 0.34413f - v * 0.71414f;
      cr[i] = l + u * 1.772f;
    }
  }
}
