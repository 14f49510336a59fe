/**
 * Synthetic chest radiographs with optional nodules at known places. They give the app a sample
 * study that carries no patient data and give training and tests images whose ground truth is
 * exact, which real films without lesion annotations cannot.
 */
package org.radassist.inference.phantom;
