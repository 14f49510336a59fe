package org.radassist.dicom.data;

/**
 * One item of encapsulated Pixel Data (PS3.5 A.4): a slice of the file's bytes, kept as a view so
 * that reading a large multi-frame file does not copy its codestreams.
 */
public record Fragment(byte[] buffer, int offset, int length) {
  public byte[] bytes() {
    byte[] b = new byte[length];
    System.arraycopy(buffer, offset, b, 0, length);
    return b;
  }
}
