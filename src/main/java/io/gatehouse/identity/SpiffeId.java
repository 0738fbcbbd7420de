package io.gatehouse.identity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A SPIFFE ID, parsed strictly: scheme {@code spiffe} (matched case-insensitively), a lowercase trust domain of
 * {@code [a-z0-9._-]} without port or userinfo, and a path of non-empty segments of {@code [a-zA-Z0-9._-]} that are
 * not {@code .} or {@code ..}, without query, fragment or percent-encoding.
 *
 * <p>Mixed-case trust domains are refused rather than normalised: the standard requires producers to emit them in
 * lowercase, and refusing keeps one spelling per identity in policies and audit records.
 */
public record SpiffeId(String trustDomain, String path) {

    private static final String SCHEME = "spiffe://";
    private static final int MAX_ID_BYTES = 2048;
    private static final int MAX_TRUST_DOMAIN_BYTES = 255;

    public SpiffeId {
        Objects.requireNonNull(trustDomain, "trustDomain");
        Objects.requireNonNull(path, "path");
    }

    /** Parses {@code text}; empty when it is not a valid SPIFFE ID. */
    public static Optional<SpiffeId> parse(String text) {
        if (text == null || text.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES
                || !text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String domain = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (!validTrustDomain(domain) || !validPath(path)) {
            return Optional.empty();
        }
        return Optional.of(new SpiffeId(domain, path));
    }

    private static boolean validTrustDomain(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_TRUST_DOMAIN_BYTES) {
            return false;
        }
        return domain.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '-');
    }

    private static boolean validPath(String path) {
        if (path.isEmpty()) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            boolean allowed = segment.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether this ID can name a workload (a leaf SVID): it must have a path. */
    public boolean isWorkload() {
        return !path.isEmpty();
    }

    @Override
    public String toString() {
        return SCHEME + trustDomain + path;
    }
}
