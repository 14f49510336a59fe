/**
 * Real radiographs with simulated lesions, for training and measuring models on real anatomy: the
 * shared corpus read from its manifest, a split by source image so no film is ever in both training
 * and test, and a simulator that plants nodules at recorded places so localisation can be scored.
 * The corpus itself is never copied into the product.
 */
package org.radassist.inference.dataset;
