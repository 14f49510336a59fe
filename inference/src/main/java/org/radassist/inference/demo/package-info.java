/**
 * The built-in demonstration models, {@link org.radassist.inference.network.CamNet}s trained by
 * this project and shipped as package resources so the workstation shows the whole pipeline with no
 * third-party weights: a chest nodule/mass model and an extremity fracture model trained on real
 * films with simulated lesions, and a small phantom-only nodule model the pipeline tests use.
 * {@link org.radassist.inference.demo.BuiltInModels} unpacks them and picks one for an image;
 * {@link org.radassist.inference.demo.CropTraining} is the training loop. They are for
 * demonstration only and must never be used for diagnosis; their cards say so.
 */
package org.radassist.inference.demo;
