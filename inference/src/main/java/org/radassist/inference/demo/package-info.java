/**
 * The built-in demonstration model: a {@link org.radassist.inference.network.CamNet} trained here
 * on synthetic chest phantoms with and without planted nodules, shipped as a package resource so
 * the workstation can show the whole pipeline with no third-party weights. {@link
 * org.radassist.inference.demo.DemoModelTrainer} rebuilds it from scratch. It is for demonstration
 * only and must never be used for diagnosis; its card says so.
 */
package org.radassist.inference.demo;
