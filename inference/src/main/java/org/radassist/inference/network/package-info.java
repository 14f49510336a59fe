/**
 * Networks this project defines and trains itself with DJL's Block API. A card of format {@code
 * djl} names one of them in its {@code architecture}; the loader rebuilds it from there and reads
 * the saved parameters into it, since DJL parameter files carry weights but not structure. An
 * ensemble's file is its members' files one after the other, so members trained apart are put
 * together without training again. Analysis runs a trained network in an equivalent, faster form
 * (BatchNorm folded, pooling as pairwise maxima), each network written out as a TorchScript program
 * that runs in one call, so training and its figures never depend on it.
 */
package org.radassist.inference.network;
