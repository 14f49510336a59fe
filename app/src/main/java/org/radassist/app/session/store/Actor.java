package org.radassist.app.session.store;

/** Who acts and from where: the ATNA active participant of every audit row written. */
public record Actor(String userId, String host) {}
