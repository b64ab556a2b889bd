/**
 * A database second level for keel-cache: {@link io.keel.cache.jdbc.JdbcSecondLevel}, on PostgreSQL (across
 * processes, invalidations over {@code LISTEN/NOTIFY}) or H2 (one process). Bring the JDBC driver and, in
 * production, a connection pool as the {@link javax.sql.DataSource}.
 *
 * <p>{@code io.keel.cache.jdbc.internal} is this module's own and may change without notice.
 */
package io.keel.cache.jdbc;
