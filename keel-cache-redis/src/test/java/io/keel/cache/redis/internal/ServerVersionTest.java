package io.keel.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void olderThanSixTwoIsRefusedWithTheReasonAndTheVersionNamed() {
        assertThatThrownBy(() -> ServerVersion.require("# Server\r\nredis_version:6.0.20\r\nredis_mode:standalone\r\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Redis 6.2 or later")
                .hasMessageContaining("SET ... GET")
                .hasMessageContaining("6.0.20");
        assertThatThrownBy(() -> ServerVersion.require("redis_version:5.0.14\n"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sixTwoAndLaterAndServersThatDoNotSayAreLetThrough() {
        assertThatCode(() -> ServerVersion.require("# Server\r\nredis_version:6.2.14\r\n")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.require("# Server\r\nredis_version:7.0.15\r\n")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.require("redis_version:8.2.1\n")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.require("# Server\r\nproxy_version:1.0\r\n")).doesNotThrowAnyException();
        assertThatCode(() -> ServerVersion.require("redis_version:unknown\r\n")).doesNotThrowAnyException();
    }
}
