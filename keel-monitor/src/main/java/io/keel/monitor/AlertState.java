package io.keel.monitor;

/** Life of one alert: PENDING while its condition waits out the rule's {@code for}, FIRING, then RESOLVED. */
public enum AlertState { PENDING, FIRING, RESOLVED }
