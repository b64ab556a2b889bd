package io.keel.governor;

/** No agent of that name is registered. */
public final class UnknownAgentException extends OperationRejectedException {

    public UnknownAgentException(String agent) {
        super("unknown agent '" + agent + "'", null);
    }
}
