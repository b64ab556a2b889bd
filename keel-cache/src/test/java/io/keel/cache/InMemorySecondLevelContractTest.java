package io.keel.cache;

class InMemorySecondLevelContractTest extends AbstractSecondLevelContractTest {

    @Override
    protected SecondLevel open(String namespace) {
        return new InMemorySecondLevel();
    }

    @Override
    protected void purge(String namespace) {
        // Nothing outlives the instance.
    }
}
