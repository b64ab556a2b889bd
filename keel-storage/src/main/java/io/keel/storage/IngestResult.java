package io.keel.storage;

/**
 * What an ingest stored.
 *
 * @param deduplicated true when the content was already stored and this file only added a reference to it
 */
public record IngestResult(StoredFile file, boolean deduplicated) {
}
