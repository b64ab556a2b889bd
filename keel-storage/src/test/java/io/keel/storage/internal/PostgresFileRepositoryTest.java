package io.keel.storage.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGSimpleDataSource;

import io.keel.storage.BlobRecord;
import io.keel.storage.FileRepository;
import io.keel.testkit.Services;

/** The contract on real PostgreSQL, each test in its own schema (other suites share the server). */
class PostgresFileRepositoryTest extends FileRepositoryContract {

    private PGSimpleDataSource dataSource;
    private String schema;

    @Override
    FileRepository create() throws Exception {
        Services.POSTGRES.require();
        schema = "keel_storage_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource admin = source(null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        dataSource = source(schema);
        TestSchema.apply(dataSource);
        return FileRepository.jdbc(dataSource);
    }

    private static PGSimpleDataSource source(String currentSchema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {Services.POSTGRES.host()});
        source.setPortNumbers(new int[] {Services.POSTGRES.port()});
        source.setDatabaseName("test");
        source.setUser("postgres");
        if (currentSchema != null) {
            source.setCurrentSchema(currentSchema);
        }
        return source;
    }

    @Override
    void plantBlob(BlobRecord blob) throws Exception {
        TestSchema.upsertBlob(dataSource, blob);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            try (Connection c = source(null).getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
