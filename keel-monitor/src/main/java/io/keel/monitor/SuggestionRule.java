package io.keel.monitor;

import java.util.Optional;

/** Turns findings into advice; returns empty unless the evidence it names is present and conclusive. */
@FunctionalInterface
public interface SuggestionRule {
    Optional<Suggestion> evaluate(Findings findings);
}
