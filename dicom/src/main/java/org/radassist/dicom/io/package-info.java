/**
 * Reading DICOM bytes: the Part 10 parser ({@link org.radassist.dicom.io.DicomReader}), transfer
 * syntaxes, and {@link org.radassist.dicom.io.DicomException}, the one checked error every reading
 * or decoding method of this module throws, with a message that names the file and the problem.
 */
package org.radassist.dicom.io;
