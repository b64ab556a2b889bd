package io.keel.cache.redis.internal;

/**
 * The Redis version this module needs, checked once at connect: the batch write script uses {@code SET … GET}
 * (Redis 6.2 and later, every Valkey), and on an older server every batch would fail at run time, which the cache
 * would only see as an L2 outage. Refusing at connect names the cause instead.
 */
public final class ServerVersion {

    static final int REQUIRED_MAJOR = 6;
    static final int REQUIRED_MINOR = 2;

    private ServerVersion() {
    }

    /**
     * Throws unless the {@code INFO server} text reports {@code redis_version} 6.2 or later. A server that reports
     * no version, or one this cannot read (a proxy, say), is let through: the first batch then tells.
     */
    public static void require(String infoServer) {
        for (String line : infoServer.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String version = line.substring("redis_version:".length()).trim();
                String[] parts = version.split("\\.");
                int major;
                int minor;
                try {
                    major = Integer.parseInt(parts[0]);
                    minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                } catch (NumberFormatException e) {
                    return;
                }
                if (major < REQUIRED_MAJOR || (major == REQUIRED_MAJOR && minor < REQUIRED_MINOR)) {
                    throw new IllegalStateException("keel-cache-redis needs Redis " + REQUIRED_MAJOR + "."
                            + REQUIRED_MINOR + " or later (its batch writes use SET ... GET); this server is "
                            + version);
                }
                return;
            }
        }
    }
}
