package org.radassist.dicom.dimse;

/**
 * One instance a peer stored: its identity as the C-STORE request named it and the complete Part 10
 * file (our meta group, then the data set bytes exactly as received).
 */
public record ReceivedInstance(
    String callingAeTitle,
    String sopClassUid,
    String sopInstanceUid,
    String transferSyntaxUid,
    byte[] part10) {}
