/**
 * The SQLite file behind the reading record: one database per data folder in WAL mode with full
 * synchronous commits, a schema upgraded by versioned migrations kept in code, append-only
 * decisions and audit events enforced by triggers, and SQLite failures (disk full, read-only
 * folder, corruption) turned into messages that say what was not saved.
 */
package org.radassist.app.session.store;
