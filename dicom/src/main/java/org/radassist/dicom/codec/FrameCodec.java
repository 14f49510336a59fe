package org.radassist.dicom.codec;

/**
 * Decodes the codestream of one encapsulated frame. Implementations are stateless and thread-safe.
 */
public interface FrameCodec {
  DecodedFrame decode(byte[] codestream, PixelFormat format) throws CodecException;
}
