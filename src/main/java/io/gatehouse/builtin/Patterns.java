package io.gatehouse.builtin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles RE2 patterns ({@code com.google.re2j}: linear time, no backtracking) and keeps the most used ones. The
 * cache is bounded so that patterns built from input cannot grow the heap without limit.
 */
final class Patterns {

    /** Longest pattern accepted; compilation cost grows with the pattern, and policies need short ones. */
    static final int PATTERN_LIMIT = 4096;
    private static final int CACHE_SIZE = 2048;

    private static final Cache<String, Pattern> CACHE = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    private Patterns() {
    }

    /** The compiled pattern; {@code what} names it in the error, e.g. "regular expression" or "glob pattern". */
    static Pattern compile(String regex, String what, String source) throws BuiltinException {
        Pattern cached = CACHE.getIfPresent(regex);
        if (cached != null) {
            return cached;
        }
        if (regex.length() > PATTERN_LIMIT) {
            throw new BuiltinException(what + " is too long: " + regex.length() + " characters, expected at most "
                    + PATTERN_LIMIT);
        }
        Pattern compiled = compileUncached(regex, what, source);
        CACHE.put(regex, compiled);
        return compiled;
    }

    private static Pattern compileUncached(String regex, String what, String source) throws BuiltinException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException error) {
            throw new BuiltinException("invalid " + what + " " + Args.quote(source) + ": "
                    + error.getDescription().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
