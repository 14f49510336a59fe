/**
 * The DICOM data model independent of any file: tags, value representations, the PS3.6 dictionary,
 * data elements and the {@link org.radassist.dicom.data.Attributes} data set with its typed
 * getters, and Specific Character Set decoding for names. Parsing and writing bytes live in {@code
 * io} and {@code write}; this package only says what the values mean.
 */
package org.radassist.dicom.data;
