package org.radassist.inference.phantom;

import java.util.Optional;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.VoiLut;

/**
 * A rendered phantom: 12-bit MONOCHROME2 stored values, the lesion if one was planted, and a window
 * that shows the lungs the way a chest preset would.
 */
public record PhantomImage(Frame frame, Optional<Lesion> lesion, VoiLut suggestedWindow) {}
