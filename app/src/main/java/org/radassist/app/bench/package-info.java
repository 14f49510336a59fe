/**
 * Benchmarks behind {@code radassist bench}: each figure is printed beside a peer measured in the
 * same run on the same data (a reference tool, or the straightforward implementation), because a
 * ratio survives a change of machine where an absolute time does not.
 */
package org.radassist.app.bench;
