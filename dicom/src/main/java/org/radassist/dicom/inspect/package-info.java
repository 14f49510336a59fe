/**
 * The content of {@code radassist inspect FILE --json}: {@link
 * org.radassist.dicom.inspect.InspectReport} gathers header facts, per-frame hashes of stored
 * values and all tags as a map tree in the key order DESIGN.md fixes; the app's CLI only prints it.
 */
package org.radassist.dicom.inspect;
