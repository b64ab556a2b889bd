package io.keel.server.edge;

import java.util.Locale;

/**
 * What an API key may do (API.md, Auth): {@code read} for GETs, {@code submit} to create and cancel operations
 * and upload or delete files, {@code admin} for everything else. {@code admin} grants the other two as well, so
 * an operator needs one key, not three.
 */
public enum Scope {
    READ, SUBMIT, ADMIN;

    private static final String OPERATIONS = "/api/v1/operations";
    private static final String FILES = "/api/v1/files";

    /** The scope a request needs. HEAD and OPTIONS read, like GET. */
    public static Scope requiredFor(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return READ;
        }
        if ((method.equals("POST") || method.equals("DELETE")) && (under(path, OPERATIONS) || under(path, FILES))) {
            return SUBMIT;
        }
        return ADMIN;
    }

    public boolean grants(Scope needed) {
        return this == ADMIN || this == needed;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scope parse(String text) {
        for (Scope scope : values()) {
            if (scope.text().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + text + "'; known: read, submit, admin");
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }
}
