/**
 * PACS integration over DICOMweb: the servers a user configured (the only ones ever contacted), a
 * local cache of retrieved studies with a size limit and least-recently-used eviction so a study
 * opens offline later, {@link org.radassist.app.pacs.PacsService} that the workstation's query
 * panel and the {@code radassist pacs} commands share, and the Secondary Capture of an AI overlay
 * that is stored back beside the original study.
 */
package org.radassist.app.pacs;
