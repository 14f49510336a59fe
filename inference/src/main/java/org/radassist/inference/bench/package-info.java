/**
 * Inference latency figures for {@code radassist bench inference}: the built-in model and an
 * optional TorchScript package, at several input sizes, measured through the same {@link
 * org.radassist.inference.analysis.Analyzer} the workstation uses, and the same TorchScript file
 * timed in python3-torch in the same run as a reference.
 */
package org.radassist.inference.bench;
