/**
 * Entry point of RadAssist: {@link org.radassist.app.RadAssist} starts the workstation when called
 * without a command and dispatches to the CLI otherwise; both faces run on the services in {@code
 * core}.
 */
package org.radassist.app;
