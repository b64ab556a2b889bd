package io.keel.governor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the governor needs to admit and run one operation. Immutable; build with
 * {@link #builder(String, OperationTask)}.
 *
 * <p>Priorities run from 0 (least urgent) to 9 (most urgent), default 5. Attributes are free-form
 * facts for interceptors and selectors (for example the cache key of the input); the governor ignores them.
 */
public final class OperationSpec<T> {

    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;
    public static final int DEFAULT_PRIORITY = 5;

    private final String id;
    private final String agent;
    private final String name;
    private final OperationTask<T> task;
    private final int priority;
    private final Duration timeout;
    private final long estimatedBytes;
    private final long inputBytes;
    private final boolean idempotent;
    private final Map<String, Object> attributes;

    private OperationSpec(Builder<T> b) {
        this.id = b.id;
        this.agent = Objects.requireNonNull(b.agent, "agent");
        this.name = b.name == null ? b.agent : b.name;
        this.task = Objects.requireNonNull(b.task, "task");
        if (b.priority < MIN_PRIORITY || b.priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be within 0..9, was " + b.priority);
        }
        this.priority = b.priority;
        if (b.timeout != null && (b.timeout.isZero() || b.timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, was " + b.timeout);
        }
        this.timeout = b.timeout;
        if (b.estimatedBytes < 0) {
            throw new IllegalArgumentException("estimatedBytes must not be negative, was " + b.estimatedBytes);
        }
        this.estimatedBytes = b.estimatedBytes;
        if (b.inputBytes < 0) {
            throw new IllegalArgumentException("inputBytes must not be negative, was " + b.inputBytes);
        }
        this.inputBytes = b.inputBytes;
        this.idempotent = b.idempotent;
        this.attributes = Map.copyOf(b.attributes);
    }

    public static <T> Builder<T> builder(String agent, OperationTask<T> task) {
        return new Builder<>(agent, task);
    }

    /** The id to give the operation, or null to let the governor make one. */
    public String id() {
        return id;
    }

    public String agent() {
        return agent;
    }

    /** A human-readable label; defaults to the agent's name. */
    public String name() {
        return name;
    }

    public OperationTask<T> task() {
        return task;
    }

    public int priority() {
        return priority;
    }

    /** The requested timeout, or null for {@link Limits#defaultTimeout()}. */
    public Duration timeout() {
        return timeout;
    }

    /** Bytes of memory budget reserved while the operation runs. */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    /** Size of the input, checked against {@link Limits#maxInputBytes()}. */
    public long inputBytes() {
        return inputBytes;
    }

    /** Whether running it twice is harmless; only idempotent operations are retried. */
    public boolean idempotent() {
        return idempotent;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public Builder<T> toBuilder() {
        Builder<T> b = new Builder<>(agent, task);
        b.id = id;
        b.name = name;
        b.priority = priority;
        b.timeout = timeout;
        b.estimatedBytes = estimatedBytes;
        b.inputBytes = inputBytes;
        b.idempotent = idempotent;
        b.attributes.putAll(attributes);
        return b;
    }

    @Override
    public String toString() {
        return "OperationSpec[agent=" + agent + ", name=" + name + ", priority=" + priority + ", id=" + id + "]";
    }

    /** Collects the fields of an {@link OperationSpec}; validation happens in {@link #build()}. */
    public static final class Builder<T> {
        private String id;
        private final String agent;
        private String name;
        private final OperationTask<T> task;
        private int priority = DEFAULT_PRIORITY;
        private Duration timeout;
        private long estimatedBytes;
        private long inputBytes;
        private boolean idempotent;
        private final Map<String, Object> attributes = new LinkedHashMap<>();

        private Builder(String agent, OperationTask<T> task) {
            this.agent = agent;
            this.task = task;
        }

        public Builder<T> id(String value) {
            this.id = value;
            return this;
        }

        public Builder<T> name(String value) {
            this.name = value;
            return this;
        }

        public Builder<T> priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder<T> timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder<T> estimatedBytes(long value) {
            this.estimatedBytes = value;
            return this;
        }

        public Builder<T> inputBytes(long value) {
            this.inputBytes = value;
            return this;
        }

        public Builder<T> idempotent(boolean value) {
            this.idempotent = value;
            return this;
        }

        public Builder<T> attribute(String key, Object value) {
            this.attributes.put(key, value);
            return this;
        }

        public OperationSpec<T> build() {
            return new OperationSpec<>(this);
        }
    }
}
