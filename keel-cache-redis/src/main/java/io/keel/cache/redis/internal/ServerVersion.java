package io.keel.cache.redis.internal;

/**
 * The Redis version this module needs, checked once at connect: the batch write script uses {@code SET … NX GET}
 * (Redis 7.0 and later, Valkey 7.2 and later), and on an older server every batch would fail at run time, which
 * the cache would only see as an L2 outage. Refusing at connect names the cause instead.
 */
public final class ServerVersion {

    static final int REQUIRED_MAJOR = 7;

    private ServerVersion() {
    }

    /**
     * Throws unless the {@code INFO server} text reports {@code redis_version} 7 or later. A server that reports no
     * version (a proxy, say) is let through: the first batch then tells.
     */
    public static void require(String infoServer) {
        for (String line : infoServer.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String version = line.substring("redis_version:".length()).trim();
                int dot = version.indexOf('.');
                int major;
                try {
                    major = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
                } catch (NumberFormatException e) {
                    return;
                }
                if (major < REQUIRED_MAJOR) {
                    throw new IllegalStateException("keel-cache-redis needs Redis " + REQUIRED_MAJOR
                            + ".0 or later (its batch writes use SET ... NX GET); this server is " + version);
                }
                return;
            }
        }
    }
}
