package io.gatehouse.admission;

/** RFC 6901 JSON Pointer tokens. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** Escapes one key for a pointer: {@code ~} becomes {@code ~0} first, then {@code /} becomes {@code ~1}. */
    public static String escape(String key) {
        // the order matters: escaping '/' first would turn its '~1' into '~01'
        return key.replace("~", "~0").replace("/", "~1");
    }
}
