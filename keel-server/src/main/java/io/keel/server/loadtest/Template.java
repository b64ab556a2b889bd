package io.keel.server.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string with {@code {{...}}} placeholders, parsed once: {@code {{uuid}}} (a fresh random UUID),
 * {@code {{random A B}}} (an integer in [A, B]) and {@code {{name}}} (a variable captured from an earlier response).
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private sealed interface Part permits Literal, Uuid, RandomInt, Variable {
    }

    private record Literal(String text) implements Part {
    }

    private record Uuid() implements Part {
    }

    private record RandomInt(long min, long max) implements Part {
    }

    private record Variable(String name) implements Part {
    }

    private final String source;
    private final List<Part> parts;
    private final Set<String> variables;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.variables = Set.copyOf(parts.stream().filter(p -> p instanceof Variable)
                .map(p -> ((Variable) p).name()).toList());
    }

    /** Parses {@code text}; a malformed placeholder throws IllegalArgumentException quoting it. */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Literal(text.substring(at, m.start())));
            }
            parts.add(placeholder(m.group(1), m.group()));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new Literal(text.substring(at)));
        }
        return new Template(text, parts);
    }

    private static Part placeholder(String inner, String whole) {
        String[] words = inner.trim().split("\\s+");
        if (words.length == 1 && words[0].equals("uuid")) {
            return new Uuid();
        }
        if (words[0].equals("random")) {
            if (words.length != 3) {
                throw new IllegalArgumentException("expected {{random MIN MAX}}, was '" + whole + "'");
            }
            try {
                long min = Long.parseLong(words[1]);
                long max = Long.parseLong(words[2]);
                if (min > max) {
                    throw new IllegalArgumentException("random: MIN > MAX in '" + whole + "'");
                }
                return new RandomInt(min, max);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("random: MIN and MAX must be integers, was '" + whole + "'");
            }
        }
        if (words.length == 1 && NAME.matcher(words[0]).matches()) {
            return new Variable(words[0]);
        }
        throw new IllegalArgumentException("unknown placeholder '" + whole + "'");
    }

    /** Whether every rendering gives the same text (no placeholders at all). */
    public boolean constant() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The captured variables this template reads. */
    public Set<String> variables() {
        return variables;
    }

    /** Fills the placeholders; a variable missing from {@code values} throws IllegalStateException. */
    public String render(Map<String, String> values) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal literal) {
            return literal.text();
        }
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Uuid u -> out.append(randomUuid());
                case RandomInt r -> out.append(ThreadLocalRandom.current().nextLong(r.min(), r.max() + 1));
                case Variable v -> {
                    String value = values.get(v.name());
                    if (value == null) {
                        throw new IllegalStateException("variable '" + v.name() + "' has not been captured yet");
                    }
                    out.append(value);
                }
            }
        }
        return out.toString();
    }

    /**
     * A version-4 UUID from {@link ThreadLocalRandom}: test data needs uniqueness, not unpredictability, and
     * {@code UUID.randomUUID()} draws from a shared SecureRandom, a contended cost on every rendered request.
     */
    static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    @Override
    public String toString() {
        return source;
    }
}
