package io.keel.storage.internal;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRepository;

class InMemoryFileRepositoryTest extends FileRepositoryContract {

    @Override
    FileRepository create() {
        return new InMemoryFileRepository();
    }

    @Override
    void plantBlob(BlobRecord blob) {
        ((InMemoryFileRepository) repository).plantBlob(blob);
    }
}
