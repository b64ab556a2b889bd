package io.keel.governor;

/**
 * One agent's live counts.
 *
 * @param running        attempts running now
 * @param queued         operations waiting
 * @param maxConcurrency its effective concurrency cap
 * @param completed      operations that ended, any terminal state
 */
public record AgentStats(String agent, int running, int queued, int maxConcurrency, long completed) {
}
