package io.keel.cache.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;

import io.keel.cache.AbstractTwoNodesTest;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;

/** The two-node suite on the real PostgreSQL; the invalidation link is the LISTEN connection. */
class TwoNodesOnPostgresTest extends AbstractTwoNodesTest {

    @BeforeAll
    static void postgres() {
        Services.POSTGRES.require();
    }

    @Override
    protected SecondLevel openLevel(String namespace) {
        return JdbcSecondLevel.create(Databases.postgres(), namespace);
    }

    @Override
    protected void purge(String namespace) {
        Databases.purge(Databases.postgres(), namespace);
    }

    @Override
    protected BooleanSupplier cutInvalidationLink(SecondLevel level) {
        JdbcSecondLevel jdbc = (JdbcSecondLevel) level;
        int pid = jdbc.listenerBackendPid();
        assertThat(pid).as("a subscribed level listens").isPositive();
        Databases.terminate(pid);
        return () -> jdbc.listenerBackendPid() > 0 && jdbc.listenerBackendPid() != pid;
    }
}
