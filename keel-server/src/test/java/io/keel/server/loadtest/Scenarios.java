package io.keel.server.loadtest;

/** Scenarios the tests share. */
final class Scenarios {

    private Scenarios() {
    }

    static Scenario oneGet() {
        return new ScenarioParser().parse("""
                name: one-get
                requests:
                  - path: /ping
                """);
    }
}
