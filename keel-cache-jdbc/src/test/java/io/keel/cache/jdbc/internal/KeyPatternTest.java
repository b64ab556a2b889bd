package io.keel.cache.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The glob matches as Redis's SCAN MATCH does, and its literal prefix selects candidates safely in LIKE. */
class KeyPatternTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = ' ', value = {
        "user:* user:1 true",
        "user:* user: true",
        "user:* order:1 false",
        "h?llo hello true",
        "h?llo hllo false",
        "h[ae]llo hallo true",
        "h[ae]llo hillo false",
        "h[^e]llo hallo true",
        "h[^e]llo hello false",
        "h[a-b]llo hbllo true",
        "h[b-a]llo hbllo true",
        "h[a-b]llo hcllo false",
        "h\\*llo h*llo true",
        "h\\*llo hello false",
        "a[b ab false",
        "a[b a[b true",
        "*.txt a.b.txt true",
        "a.c abc false",
        "(a)+ (a)+ true",
        "(a)+ aa false",
    })
    void matchesLikeRedis(String glob, String key, boolean expected) {
        assertThat(KeyPattern.of(glob).matches(key)).isEqualTo(expected);
    }

    @Test
    void keysMayHoldLineBreaks() {
        assertThat(KeyPattern.of("a*b").matches("a\nb")).isTrue();
        assertThat(KeyPattern.of("a?b").matches("a\nb")).isTrue();
    }

    @Test
    void theLiteralPrefixStopsAtTheFirstWildcardAndEscapesLikeMetacharacters() {
        assertThat(KeyPattern.of("user:*").literalPrefix()).isEqualTo("user:");
        assertThat(KeyPattern.of("u\\*r?x").literalPrefix()).isEqualTo("u*r");
        assertThat(KeyPattern.of("[ab]x").literalPrefix()).isEmpty();
        assertThat(KeyPattern.of("50%_off!*").likePrefix()).isEqualTo("50!%!_off!!%");
    }
}
