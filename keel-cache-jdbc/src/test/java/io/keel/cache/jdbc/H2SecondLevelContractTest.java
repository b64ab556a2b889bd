package io.keel.cache.jdbc;

import io.keel.cache.AbstractSecondLevelContractTest;
import io.keel.cache.SecondLevel;

class H2SecondLevelContractTest extends AbstractSecondLevelContractTest {

    @Override
    protected SecondLevel open(String namespace) {
        return JdbcSecondLevel.create(Databases.h2(), namespace);
    }

    @Override
    protected void purge(String namespace) {
        Databases.purge(Databases.h2(), namespace);
    }
}
