package org.radassist.dicom.dimse;

import java.nio.file.Path;

/**
 * One instance a peer stored: its identity as the C-STORE request named it and the complete Part 10
 * file (our meta group, then the data set bytes exactly as received), written to disk as it arrived
 * so an instance of any size never has to fit in memory.
 *
 * @param file in the session's spool folder; the session may move it, else it is deleted after
 *     {@link StoreSession#store} returns
 */
public record ReceivedInstance(
    String callingAeTitle,
    String sopClassUid,
    String sopInstanceUid,
    String transferSyntaxUid,
    Path file) {}
