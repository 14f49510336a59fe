package org.radassist.dicom.io;

import java.nio.file.Path;
import org.radassist.dicom.data.Attributes;

/**
 * A parsed Part 10 file (or a bare data set read as one): the file meta group, the data set and the
 * transfer syntax the data set was actually read with.
 *
 * @param pixelDataSkipped true when the file was read for metadata only, so the data set holds no
 *     Pixel Data element even if the file has one
 */
public record DicomFile(
    Path path,
    Attributes meta,
    Attributes dataset,
    TransferSyntax transferSyntax,
    boolean hasPreamble,
    boolean pixelDataSkipped) {}
