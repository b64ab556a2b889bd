package io.keel.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withNothingSetTheDocumentedDefaultsApply() {
        KeelConfig config = ConfigLoader.load(missingFile(), Map.of(), Map.of());

        assertThat(config).isEqualTo(KeelConfig.defaults());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.maxConcurrency()).isEqualTo(10);
        assertThat(config.memoryBudgetBytes()).isEqualTo(500L * 1024 * 1024);
        assertThat(config.maxInputBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(config.defaultTimeoutMs()).isEqualTo(300_000);
        assertThat(config.rateLimit()).isEqualTo(10_000);
        assertThat(config.rateBurst()).isEqualTo(10_000);
        assertThat(config.recordsMaxCount()).isEqualTo(1_000_000);
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesYamlWhichOverridesDefaults() throws IOException {
        Path yaml = yaml("port: 1000\nmax-concurrency: 3\nqueue-capacity: 7\nrate-limit: 50\n");
        Map<String, String> env = Map.of("KEEL_PORT", "2000", "KEEL_MAX_CONCURRENCY", "4");
        Map<Setting, String> flags = Map.of(Setting.PORT, "3000");

        KeelConfig config = ConfigLoader.load(yaml, env, flags);

        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.maxConcurrency()).isEqualTo(4);
        assertThat(config.queueCapacity()).isEqualTo(7);
        assertThat(config.rateLimit()).isEqualTo(50);
        assertThat(config.rateBurst()).as("burst defaults to the rate").isEqualTo(50);
        assertThat(config.maxConcurrencyPerAgent()).isEqualTo(10);
    }

    @Test
    void aBadEnvironmentValueIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(missingFile(), Map.of("KEEL_PORT", "abc"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KEEL_PORT: expected an integer 0..65535, was 'abc'");
    }

    @Test
    void theCacheSecondLevelFollowsTheRedisUrlUnlessNamedAndNonsenseIsRefused() {
        String redis = "redis://127.0.0.1:6379";
        assertThat(ConfigLoader.load(missingFile(), Map.of(), Map.of()).resolvedCacheL2())
                .isEqualTo(CacheSecondLevel.NONE);
        assertThat(ConfigLoader.load(missingFile(), Map.of("KEEL_REDIS_URL", redis), Map.of()).resolvedCacheL2())
                .isEqualTo(CacheSecondLevel.REDIS);
        assertThat(ConfigLoader.load(missingFile(), Map.of("KEEL_REDIS_URL", redis, "KEEL_CACHE_L2", "database"),
                Map.of()).resolvedCacheL2()).isEqualTo(CacheSecondLevel.DATABASE);
        assertThat(ConfigLoader.load(missingFile(), Map.of("KEEL_CACHE_L2", "None"), Map.of()).resolvedCacheL2())
                .isEqualTo(CacheSecondLevel.NONE);
        assertThatThrownBy(() -> ConfigLoader.load(missingFile(), Map.of("KEEL_CACHE_L2", "memcached"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KEEL_CACHE_L2: must be redis, database or none, was 'memcached'");
        assertThatThrownBy(() -> ConfigLoader.load(missingFile(), Map.of("KEEL_CACHE_L2", "redis"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KEEL_CACHE_L2: redis needs KEEL_REDIS_URL");
    }

    @Test
    void aBadFlagIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(missingFile(), Map.of(), Map.of(Setting.MAX_CONCURRENCY, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--max-concurrency: expected an integer 1..")
                .hasMessageEndingWith("was '0'");
    }

    @Test
    void aBadYamlValueOrUnknownKeyIsRefusedNamingTheKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(yaml("queue-capacity: lots\n"), Map.of(), Map.of()))
                .hasMessage("keel.yaml: queue-capacity: expected an integer 1..2147483647, was 'lots'");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("prot: 80\n"), Map.of(), Map.of()))
                .hasMessageStartingWith("keel.yaml: prot: unknown setting");
    }

    @Test
    void inconsistentTimeoutsAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(missingFile(),
                Map.of("KEEL_DEFAULT_TIMEOUT_MS", "5000", "KEEL_MAX_TIMEOUT_MS", "1000"), Map.of()))
                .hasMessageContaining("KEEL_MAX_TIMEOUT_MS")
                .hasMessageContaining("1000");
    }

    @Test
    void unrelatedKeelVariablesAreIgnored() {
        KeelConfig config = ConfigLoader.load(missingFile(), Map.of("KEEL_JAVA_OPTS", "-Xmx1g"), Map.of());
        assertThat(config).isEqualTo(KeelConfig.defaults());
    }

    @Test
    void withoutKeysOnlyLoopbackHostsMayStart() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThat(withHost(host).requireStartable()).isNotNull();
        }
        for (String host : new String[] {"0.0.0.0", "192.168.1.10", "example.com", "::"}) {
            assertThatThrownBy(() -> withHost(host).requireStartable())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("KEEL_HOST: '" + host + "' is not a loopback address");
        }
    }

    @Test
    void apiKeysLetTheServerBindBeyondLoopbackAndAMalformedListNeverQuotesTheSecret() {
        KeelConfig config = ConfigLoader.load(missingFile(),
                Map.of("KEEL_API_KEYS", "ops:0123456789abcdef0123:admin"), Map.of(Setting.HOST, "0.0.0.0"));
        assertThat(config.requireStartable()).isSameAs(config);

        assertThatThrownBy(() -> ConfigLoader.load(missingFile(),
                Map.of("KEEL_API_KEYS", "ops:verysecretvalue123:superuser"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEEL_API_KEYS: entry 1 ('ops'): unknown scope 'superuser'")
                .hasMessageNotContaining("verysecretvalue123");
    }

    @Test
    void keelYamlMayListApiKeys() throws IOException {
        KeelConfig config = ConfigLoader.load(yaml("""
                api-keys:
                  - "ci:0123456789abcdef0123:read+submit"
                  - "ops:fedcba98765432100123:admin"
                """), Map.of(), Map.of());
        assertThat(io.keel.server.edge.ApiKeys.parse(config.apiKeys()).size()).isEqualTo(2);
    }

    private KeelConfig withHost(String host) {
        return ConfigLoader.load(missingFile(), Map.of(), Map.of(Setting.HOST, host));
    }

    private Path missingFile() {
        return null;
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("keel.yaml");
        Files.writeString(file, text);
        return file;
    }
}
