package org.radassist.dicom.codec.j2k;

/**
 * One progression volume of a POC marker (T.800 A.6.6): resolutions [rs, re), components [cs, ce),
 * layers [0, le) in progression order {@code order}.
 */
record ProgressionChange(int rs, int cs, int le, int re, int ce, int order) {}
