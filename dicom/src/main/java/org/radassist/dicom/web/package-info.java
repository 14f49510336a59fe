/**
 * DICOMweb client (PS3.18): QIDO-RS search, WADO-RS retrieval of whole studies as multipart/related
 * streams with progress and cancel, and STOW-RS store, over {@link java.net.http.HttpClient}. It
 * talks only to the one base URL it was configured with and follows no redirects, so no request
 * ever reaches a host nobody configured; credentials travel in the Authorization header and never
 * appear in messages or logs, which name studies by hashed UIDs.
 */
package org.radassist.dicom.web;
