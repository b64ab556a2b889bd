package io.keel.storage;

import java.sql.SQLException;

/** The metadata database failed (an SQL error from {@link FileRepository#jdbc}); names the operation. */
public final class MetadataException extends RuntimeException {

    public MetadataException(String operation, SQLException cause) {
        super("file metadata: " + operation + " failed: " + cause.getMessage(), cause);
    }
}
