/**
 * Real radiographs with simulated lesions, for training and measuring the shipped demonstration
 * models on real anatomy: the shared corpus read from its manifest, a split by source image so no
 * film is ever in both training and test, simulators that plant nodules and masses into chest films
 * and fracture lines into bone films at recorded places so localisation can be scored, and the one
 * trainer ({@link org.radassist.inference.dataset.LesionModelTrainer}) that turns a {@link
 * org.radassist.inference.dataset.Recipe} into a model package with held-out metrics. The corpus
 * itself is never copied into the product.
 */
package org.radassist.inference.dataset;
