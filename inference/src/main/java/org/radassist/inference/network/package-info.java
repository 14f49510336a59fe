/**
 * Networks this project defines and trains itself with DJL's Block API. A card of format {@code
 * djl} names one of them in its {@code architecture}; the loader rebuilds it from there and reads
 * the saved parameters into it, since DJL parameter files carry weights but not structure.
 */
package org.radassist.inference.network;
