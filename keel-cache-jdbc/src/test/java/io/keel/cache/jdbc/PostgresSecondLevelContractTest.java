package io.keel.cache.jdbc;

import org.junit.jupiter.api.BeforeAll;

import io.keel.cache.AbstractSecondLevelContractTest;
import io.keel.cache.SecondLevel;
import io.keel.testkit.Services;

class PostgresSecondLevelContractTest extends AbstractSecondLevelContractTest {

    @BeforeAll
    static void postgres() {
        Services.POSTGRES.require();
    }

    @Override
    protected SecondLevel open(String namespace) {
        return JdbcSecondLevel.create(Databases.postgres(), namespace);
    }

    @Override
    protected void purge(String namespace) {
        Databases.purge(Databases.postgres(), namespace);
    }
}
