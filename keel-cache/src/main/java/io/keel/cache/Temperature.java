package io.keel.cache;

/** The class of a key by its recent access frequency. */
public enum Temperature { HOT, WARM, COLD }
