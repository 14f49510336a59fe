/**
 * The words of the workstation window in the reader's language. The texts live in ui-assets as the
 * resource bundle {@code org/radassist/ui/i18n/messages} (English by default, one file per further
 * language), every one a {@link java.text.MessageFormat} pattern; {@link
 * org.radassist.app.i18n.Messages} picks the language once at start — the one chosen on the command
 * line, else in the settings, else the system's — and formats them. The CLI, the logs, DICOM
 * attribute names and model cards stay as they are: scripts, support staff and other systems read
 * them.
 */
package org.radassist.app.i18n;
