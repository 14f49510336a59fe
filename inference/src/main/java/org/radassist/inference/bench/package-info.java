/**
 * Inference latency figures for {@code radassist bench inference}: the built-in model and an
 * optional TorchScript package, at several input sizes, measured through the same {@link
 * org.radassist.inference.analysis.Analyzer} the workstation uses: the network alone and the whole
 * {@code analyze --out} path from DICOM file to heatmap PNGs, on real radiographs, with the same
 * network timed in python3-torch in the same run, interleaved, as the reference: a TorchScript file
 * as it is, our own networks as the TorchScript programs DJL runs for them.
 */
package org.radassist.inference.bench;
