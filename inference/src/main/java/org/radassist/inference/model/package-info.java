/**
 * Model packages: a folder or zip holding {@code model-card.json} and the weights it names. {@link
 * org.radassist.inference.model.ModelPackage} refuses anything whose weights do not hash to the
 * card's sha256 or whose card lacks a field, because a reader must be able to trust that the
 * overlay on the screen came from exactly the model the card describes; {@link
 * org.radassist.inference.model.ModelCatalog} is the service behind {@code radassist models
 * list|verify}.
 */
package org.radassist.inference.model;
