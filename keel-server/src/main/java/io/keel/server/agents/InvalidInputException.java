package io.keel.server.agents;

/** An agent's input is not what it accepts; the message names the field, e.g. {@code input.ms: ...}. */
public final class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
