/**
 * The core both faces of RadAssist share: where the user's data lives, the built-in sample study,
 * opening studies and running analyses. The workstation and the CLI call these same services, so
 * every action a reader can take in the window is also tested without one.
 */
package org.radassist.app.core;
