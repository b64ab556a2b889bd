package io.keel.governor;

/** Where an agent's work runs: I/O-bound work on virtual threads, CPU-bound work on a pool sized to the cores. */
public enum ExecutionKind {
    IO,
    CPU
}
