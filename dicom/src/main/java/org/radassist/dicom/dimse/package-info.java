/**
 * A DICOM storage SCP (PS3.7 C-STORE and C-ECHO over the PS3.8 upper layer) for sites whose
 * modalities only speak DIMSE: it accepts associations for any storage SOP class, keeps each
 * instance's data set exactly as it arrived in the negotiated transfer syntax, and hands it over as
 * a Part 10 file. Only the one AE title it was given is answered; UIDs are hashed in logs.
 */
package org.radassist.dicom.dimse;
