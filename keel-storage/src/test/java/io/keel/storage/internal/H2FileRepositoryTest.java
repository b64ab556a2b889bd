package io.keel.storage.internal;

import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRepository;

class H2FileRepositoryTest extends FileRepositoryContract {

    private JdbcDataSource dataSource;

    @Override
    FileRepository create() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:storage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestSchema.apply(dataSource);
        return FileRepository.jdbc(dataSource);
    }

    @Override
    void plantBlob(BlobRecord blob) throws Exception {
        TestSchema.upsertBlob(dataSource, blob);
    }
}
