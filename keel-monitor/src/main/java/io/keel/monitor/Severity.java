package io.keel.monitor;

public enum Severity { INFO, WARNING, CRITICAL }
