package io.keel.monitor;

import java.time.Duration;

/** A periodic job for the host's maintenance scheduler: {@code scheduler.register(job.name(), job.interval(), job.task())}. */
public record MonitorJob(String name, Duration interval, Runnable task) {
}
