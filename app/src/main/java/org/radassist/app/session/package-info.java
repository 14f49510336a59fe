/**
 * The reading record: what a reader decided about each AI finding, kept durably. {@link
 * org.radassist.app.session.ReadingService} is the one entry point the workstation and the CLI
 * share (record analyses, run blinded second reads, record decisions, summarise, audit); each call
 * returns only after its rows are committed, so whatever the UI confirms survives a crash.
 */
package org.radassist.app.session;
