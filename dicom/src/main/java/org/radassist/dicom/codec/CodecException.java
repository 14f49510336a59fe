package org.radassist.dicom.codec;

/**
 * A codestream that a decoder cannot turn into the pixels its header promises. Callers wrap it in a
 * {@link org.radassist.dicom.io.DicomException} that adds the file and the frame.
 */
public class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
