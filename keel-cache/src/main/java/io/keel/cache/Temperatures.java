package io.keel.cache;

/**
 * How many keys are hot, warm and cold. Hot and warm keys live in the first level (hot ones were read at least the
 * hot threshold in the decayed window); cold ones were not read lately — first-level entries gone quiet plus keys
 * moved down to the second level only.
 */
public record Temperatures(long hot, long warm, long cold) {
}
