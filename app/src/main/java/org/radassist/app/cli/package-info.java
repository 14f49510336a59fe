/**
 * The {@code radassist} command line (picocli): thin commands over the same core services the
 * workstation uses. Exit code 0 on success, 2 on bad usage, 1 on failure, with one readable line on
 * stderr per problem.
 */
package org.radassist.app.cli;
