package io.keel.server.agents;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.governor.AgentSpec;
import io.keel.governor.OperationTask;

/** {@code cpu} ({@code {"iterations":N}}): chains N SHA-256 hashes; CPU kind, so it runs on the bounded pool. */
public final class CpuAgent implements BuiltInAgent {

    static final long MAX_ITERATIONS = 1_000_000_000L;
    private static final int CHECK_EVERY = 4096;

    private static final AgentSpec SPEC = AgentSpec.cpu("cpu");

    @Override
    public AgentSpec spec() {
        return SPEC;
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public OperationTask<Object> task(JsonNode input) {
        Inputs.requireObject(input);
        Inputs.onlyFields(input, "iterations");
        long iterations = Inputs.longField(input, "iterations", 100_000, 0, MAX_ITERATIONS);
        return context -> {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = new byte[32];
            for (long i = 0; i < iterations; i++) {
                digest = sha.digest(digest);
                if (i % CHECK_EVERY == 0) {
                    context.checkCancelled();
                    context.progress().percent(100.0 * i / iterations);
                }
            }
            return Map.of("iterations", iterations, "sha256", HexFormat.of().formatHex(digest));
        };
    }
}
